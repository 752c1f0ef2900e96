package city.party.activity.kind;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import city.party.activity.config.ActivityProperties;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The catalogue of activity kinds: seeded from {@code activity.kinds}, extended through the API. */
@Service
public class ActivityKinds {

    private static final Logger log = LoggerFactory.getLogger(ActivityKinds.class);

    private final ReactiveMongoTemplate mongo;
    private final ActivityProperties properties;
    private final Clock clock;

    ActivityKinds(ReactiveMongoTemplate mongo, ActivityProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** Inserts configured kinds that are missing; kinds already stored (possibly edited) are kept. */
    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        seedNow().retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .doOnError(e -> log.error("could not seed the activity kinds", e)).subscribe();
    }

    public Mono<Void> seedNow() {
        return Flux.fromIterable(properties.kinds()).concatMap(k -> mongo.upsert(query(where("_id").is(k.code())),
                new Update().setOnInsert("name", k.name()).setOnInsert("description", k.description())
                        .setOnInsert("votes", k.votes()).setOnInsert("appraisal", k.appraisal())
                        .setOnInsert("active", true).setOnInsert("createdBy", "configuration")
                        .setOnInsert("createdAt", clock.instant()), ActivityKind.class)).then();
    }

    public Flux<ActivityKind> all() {
        return mongo.find(new Query().with(Sort.by("_id")), ActivityKind.class);
    }

    /** The active kind with this code; 422 for an unknown or retired kind. */
    public Mono<ActivityKind> require(String code) {
        return mongo.findById(code, ActivityKind.class).filter(ActivityKind::active)
                .switchIfEmpty(Mono.error(city.party.activity.config.Violations.rule("activity.kind-known", null,
                        "activity.unknown-kind", "There is no activity kind {0}.", code)));
    }

    public Mono<ActivityKind> add(String code, String name, String description, boolean votes, boolean appraisal,
            CallerScope caller) {
        if (!caller.hasRole(Roles.COMMITTEE_ADMIN)) {
            return Mono.error(new AccessDeniedException("only the work committee defines activity kinds"));
        }
        ActivityKind kind = new ActivityKind(code, name.trim(), description, votes, appraisal, true,
                caller.username(), clock.instant());
        return mongo.insert(kind).onErrorMap(DuplicateKeyException.class, e -> new ProblemException(
                ProblemType.CONFLICT, "activity.kind-exists", "An activity kind with this code already exists."));
    }

    public List<ActivityProperties.Kind> configured() {
        return properties.kinds();
    }
}
