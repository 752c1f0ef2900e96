package city.party.donation.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import city.party.donation.campaign.CampaignService;
import city.party.donation.ledger.BeneficiaryGroups;
import city.party.donation.ledger.LedgerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

@Configuration
@EnableConfigurationProperties(BeneficiaryGroups.class)
class DonationConfig {

    /**
     * The indexes that carry rules (one donation per idempotency key, besides the id derived from it)
     * or serve the hot queries (scope by path, a member's own donations, the catch-up scan).
     */
    @Component
    static class DonationIndexes {

        private static final Logger log = LoggerFactory.getLogger(DonationIndexes.class);

        private final ReactiveMongoTemplate mongo;

        DonationIndexes(ReactiveMongoTemplate mongo) {
            this.mongo = mongo;
        }

        @EventListener(ApplicationReadyEvent.class)
        void ensure() {
            Flux.concat(
                    mongo.indexOps("donations").createIndex(new Index().on("idempotencyKey", Sort.Direction.ASC)
                            .unique().named("uniqueIdempotencyKey")),
                    mongo.indexOps("donations").createIndex(new Index().on("campaignId", Sort.Direction.ASC)
                            .on("recordedAt", Sort.Direction.DESC)),
                    mongo.indexOps("donations").createIndex(new Index().on("memberUsername", Sort.Direction.ASC)),
                    mongo.indexOps("donations").createIndex(new Index().on("organizationPath", Sort.Direction.ASC)),
                    mongo.indexOps("donations").createIndex(new Index().on("progressApplied", Sort.Direction.ASC)
                            .on("recordedAt", Sort.Direction.ASC)),
                    mongo.indexOps("donors").createIndex(new Index().on("campaignId", Sort.Direction.ASC)),
                    mongo.indexOps("directory_members").createIndex(new Index().on("username", Sort.Direction.ASC)),
                    mongo.indexOps("directory_organizations").createIndex(new Index().on("path", Sort.Direction.ASC)))
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                    .doOnError(e -> log.error("could not create donation-service's indexes", e))
                    .subscribe();
        }
    }

    /**
     * Finishes progress updates a crash interrupted, every {@code donation.progress.catch-up-interval}
     * (see LedgerService for the protocol). One pass at a time.
     */
    @Component
    static class ProgressCatchUp implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(ProgressCatchUp.class);

        private final LedgerService ledgers;
        private final CampaignService campaigns;
        private final Duration interval;
        private final AtomicBoolean running = new AtomicBoolean();
        private volatile Disposable loop;

        ProgressCatchUp(LedgerService ledgers, CampaignService campaigns,
                @Value("${donation.progress.catch-up-interval:10s}") Duration interval) {
            this.ledgers = ledgers;
            this.campaigns = campaigns;
            this.interval = interval;
        }

        @Override
        public void start() {
            loop = Flux.interval(interval, interval).onBackpressureDrop().concatMap(tick -> pass(), 1).subscribe();
        }

        Mono<Long> pass() {
            if (!running.compareAndSet(false, true)) {
                return Mono.just(0L);
            }
            return ledgers.catchUp(campaigns::participatingPath)
                    .doOnNext(n -> {
                        if (n > 0) {
                            log.info("progress catch-up finished {} interrupted updates", n);
                        }
                    })
                    .onErrorResume(e -> {
                        log.warn("progress catch-up failed, retrying next time: {}", e.toString());
                        return Mono.just(0L);
                    })
                    .doFinally(s -> running.set(false));
        }

        @Override
        public void stop() {
            Disposable d = loop;
            if (d != null) {
                d.dispose();
            }
            loop = null;
        }

        @Override
        public boolean isRunning() {
            return loop != null;
        }
    }
}
