package city.party.activity.compliance.application;

import java.time.Duration;
import java.time.LocalDate;

import city.party.activity.activity.domain.Activity;
import city.party.activity.activity.domain.ActivityStatus;
import city.party.activity.compliance.domain.ComplianceCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Keeps the held counts in step with the activities. A command first saves the activity, then
 * updates the counters and marks it counted; if the service stops in between, the sweep finds the
 * activity whose {@code counted} flag disagrees with its status and finishes the job. Counting is
 * idempotent, so doing it twice is harmless.
 */
@Service
public class ComplianceCounters {

    private static final Logger log = LoggerFactory.getLogger(ComplianceCounters.class);

    private final ReactiveMongoTemplate mongo;

    ComplianceCounters(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Brings the counters in line with the activity's status. */
    public Mono<Void> sync(Activity activity) {
        boolean shouldCount = activity.getStatus().tookPlace();
        if (shouldCount == activity.isCounted()) {
            return Mono.empty();
        }
        Mono<Void> change = shouldCount ? count(activity) : uncount(activity);
        return change.then(mongo.updateFirst(query(where("_id").is(activity.getId())),
                new Update().set("counted", shouldCount), Activity.class)).then();
    }

    private Mono<Void> count(Activity activity) {
        LocalDate day = activity.day();
        return Flux.fromIterable(activity.getOrganizationIds()).concatMap(organizationId -> {
            String id = ComplianceCounter.id(organizationId, day.getYear(), activity.getKind());
            Query notYetCounted = query(where("_id").is(id).and("activityIds").ne(activity.getId()));
            Update add = new Update().setOnInsert("organizationId", organizationId).setOnInsert("year", day.getYear())
                    .setOnInsert("kind", activity.getKind()).push("activityIds", activity.getId())
                    .inc("months.m" + day.getMonthValue(), 1);
            // Already counted: the query misses, the upsert's insert then collides with the document.
            return mongo.upsert(notYetCounted, add, ComplianceCounter.class)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
        }).then();
    }

    private Mono<Void> uncount(Activity activity) {
        LocalDate day = activity.day();
        return Flux.fromIterable(activity.getOrganizationIds()).concatMap(organizationId -> mongo.updateFirst(
                query(where("_id").is(ComplianceCounter.id(organizationId, day.getYear(), activity.getKind()))
                        .and("activityIds").is(activity.getId())),
                new Update().pull("activityIds", activity.getId()).inc("months.m" + day.getMonthValue(), -1),
                ComplianceCounter.class)).then();
    }

    /** Finishes what a crash interrupted (see the class comment). */
    @Scheduled(fixedDelayString = "${activity.compliance.counter-sweep:PT1M}", initialDelayString = "PT30S")
    void sweep() {
        sweepOnce().timeout(Duration.ofMinutes(1)).onErrorResume(e -> {
            log.warn("compliance counter sweep failed: {}", e.toString());
            return Mono.just(0L);
        }).block();
    }

    public Mono<Long> sweepOnce() {
        Criteria heldNotCounted = where("status").in(ActivityStatus.HELD.name(), ActivityStatus.RECORDED.name())
                .and("counted").ne(true);
        Criteria cancelledCounted = where("status").is(ActivityStatus.CANCELLED.name()).and("counted").is(true);
        return mongo.find(query(new Criteria().orOperator(heldNotCounted, cancelledCounted)).limit(500),
                Activity.class).concatMap(a -> sync(a).thenReturn(1L)).reduce(0L, Long::sum);
    }
}
