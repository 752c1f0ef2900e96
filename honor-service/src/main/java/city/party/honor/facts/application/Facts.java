package city.party.honor.facts.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import city.party.honor.facts.domain.AppraisalFact;
import city.party.honor.facts.domain.AttendanceFact;
import city.party.honor.facts.domain.MemberFact;
import city.party.honor.facts.domain.OrganizationFact;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Reads and writes the read models. Every change is read, applied by the fact's own rules and
 * saved with its version; a concurrent writer (another replica, a redelivery) makes the save fail
 * and the change is applied again on the fresh document.
 */
@Service
public class Facts {

    public static final String ACTIVITY_FACTS = "activity_facts";

    private final ReactiveMongoTemplate mongo;

    Facts(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<OrganizationFact> findOrganization(String id) {
        return mongo.findById(id, OrganizationFact.class);
    }

    public Mono<MemberFact> findMember(String id) {
        return mongo.findById(id, MemberFact.class);
    }

    /** Attendance at activities of {@code kind} held in [from, to). */
    public Flux<AttendanceFact> attendance(String memberId, String kind, Instant from, Instant to) {
        return mongo.find(query(where("memberId").is(memberId).and("kind").is(kind).and("heldAt").gte(from).lt(to)),
                AttendanceFact.class);
    }

    public Flux<AppraisalFact> appraisals(String memberId, List<Integer> years) {
        return mongo.find(query(where("memberId").is(memberId).and("year").in(years)), AppraisalFact.class);
    }

    public Mono<OrganizationFact> organizationCreated(String id, String name, String type, String parentId,
            String path, Instant at) {
        Mono<OrganizationFact> parent = parentId == null ? Mono.empty() : findOrganization(parentId);
        return parent.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(p -> organization(id, org -> org.created(name, type, parentId, path, p.orElse(null), at)));
    }

    /** The organisation moves; its descendants' paths follow (they are rebased from the old prefix). */
    public Mono<Void> organizationMoved(String id, String newParentId, String oldPath, String newPath, Instant at) {
        boolean[] applied = new boolean[1];
        return organization(id, org -> applied[0] = org.moved(newParentId, newPath, at))
                .flatMapMany(org -> applied[0] ? mongo.find(query(where("path")
                        .regex("^" + Pattern.quote(oldPath) + "/")), OrganizationFact.class) : Flux.empty())
                .concatMap(descendant -> organization(descendant.getId(), d -> d.rebased(oldPath, newPath)))
                .then();
    }

    public Mono<OrganizationFact> organization(String id, Consumer<OrganizationFact> change) {
        return apply(OrganizationFact.class, id, OrganizationFact::of, change);
    }

    public Mono<MemberFact> member(String id, Consumer<MemberFact> change) {
        return apply(MemberFact.class, id, MemberFact::of, change);
    }

    public Mono<AttendanceFact> attendance(String activityId, String memberId, Consumer<AttendanceFact> change) {
        return apply(AttendanceFact.class, AttendanceFact.idOf(activityId, memberId),
                ignored -> AttendanceFact.of(activityId, memberId), change);
    }

    public Mono<AppraisalFact> appraisal(String activityId, String memberId, Consumer<AppraisalFact> change) {
        return apply(AppraisalFact.class, AppraisalFact.idOf(activityId, memberId),
                ignored -> AppraisalFact.of(activityId, memberId), change);
    }

    /** A held activity is a fact that does not change; a redelivery writes the same values again. */
    public Mono<?> activityHeld(String activityId, String kind, List<String> organizationIds, Instant heldAt,
            String topic) {
        return mongo.upsert(query(where("_id").is(activityId)), new Update().set("kind", kind)
                .set("organizationIds", organizationIds == null ? List.of() : organizationIds).set("heldAt", heldAt)
                .set("topic", topic), Document.class, ACTIVITY_FACTS);
    }

    private <T> Mono<T> apply(Class<T> type, String id, Function<String, T> create, Consumer<T> change) {
        return Mono.defer(() -> mongo.findById(id, type).defaultIfEmpty(create.apply(id)).flatMap(fact -> {
            change.accept(fact);
            return mongo.save(fact);
        })).retryWhen(Retry.backoff(5, Duration.ofMillis(20)).filter(e -> e instanceof OptimisticLockingFailureException
                || e instanceof DuplicateKeyException));
    }
}
