package city.party.donation.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import city.party.donation.campaign.Campaign;
import city.party.donation.campaign.CampaignService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The demo's one open campaign ({@code donation.demo-data.enabled=true}, set by {@code ./platform up}
 * for local runs): 抗击疫情自愿捐款 for the whole city, open for 30 days from the first start. Created
 * only when there is no campaign at all; never enabled in production.
 */
@Component
@ConditionalOnProperty(name = "donation.demo-data.enabled", havingValue = "true")
class DemoCampaignSeeder {

    static final String ID = "demo-epidemic-relief";

    private static final Logger log = LoggerFactory.getLogger(DemoCampaignSeeder.class);

    private final CampaignService campaigns;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    DemoCampaignSeeder(CampaignService campaigns, ReactiveMongoTemplate mongo, Clock clock) {
        this.campaigns = campaigns;
        this.mongo = mongo;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedWhenEmpty() {
        mongo.exists(new Query(), Campaign.class).flatMap(any -> any ? Mono.empty() : Mono.defer(() -> {
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES);
            Campaign campaign = Campaign.create(ID, "抗击疫情自愿捐款",
                    "党员自愿捐款支持疫情防控：慰问一线医务人员、基层干部、公安干警、社区工作者、志愿者、新闻工作者和牺牲同志家属。",
                    "市直机关工委", "city", "/city", now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(30)),
                    null, "demo", now);
            return campaigns.insert(campaign).doOnNext(c -> log.info("demo campaign {} created", c.getId()));
        })).retryWhen(Retry.backoff(10, Duration.ofSeconds(2)))
                .onErrorResume(e -> {
                    log.warn("demo campaign not created: {}", e.toString());
                    return Mono.empty();
                }).subscribe();
    }
}
