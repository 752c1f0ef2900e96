package city.party.honor.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * The indexes of honor-service, in one place: one live nomination per nominee and programme
 * (unique, sparse on {@code activeKey}), scope and list queries, the read models' lookups.
 */
@Component
class HonorIndexes {

    private static final Logger log = LoggerFactory.getLogger(HonorIndexes.class);

    private final ReactiveMongoTemplate mongo;

    HonorIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        Flux.concat(
                mongo.indexOps("nominations").createIndex(new Index().on("activeKey", Sort.Direction.ASC).unique()
                        .sparse().named("uniqueLiveNomination")),
                mongo.indexOps("nominations").createIndex(new Index().on("nominee.organizationPath",
                        Sort.Direction.ASC)),
                mongo.indexOps("nominations").createIndex(new Index().on("programId", Sort.Direction.ASC)
                        .on("state", Sort.Direction.ASC)),
                mongo.indexOps("awards").createIndex(new Index().on("programId", Sort.Direction.ASC)
                        .on("unitId", Sort.Direction.ASC)),
                mongo.indexOps("quota_slots").createIndex(new Index().on("nominationId", Sort.Direction.ASC)),
                mongo.indexOps("org_facts").createIndex(new Index().on("path", Sort.Direction.ASC)),
                mongo.indexOps("attendance_facts").createIndex(new Index().on("memberId", Sort.Direction.ASC)
                        .on("kind", Sort.Direction.ASC).on("heldAt", Sort.Direction.ASC)),
                mongo.indexOps("appraisal_facts").createIndex(new Index().on("memberId", Sort.Direction.ASC)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .doOnError(e -> log.error("could not create honor-service's indexes", e))
                .subscribe();
    }
}
