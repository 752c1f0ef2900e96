package city.party.honor.nomination.application;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.regex.Pattern;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Quota per unit and category, enforced by the database even under parallel nominations: a unit's
 * quota of N is N slot documents with ids {@code program|unit|category|1..N}; a nomination takes
 * the first free slot by inserting it, and the unique {@code _id} lets exactly one of two
 * concurrent inserts of the same slot succeed. A rejected nomination gives its slot back; a slot
 * whose holder is rejected, or was never stored (a crash between claim and insert), is reclaimed
 * when the quota seems used up.
 */
@Component
public class QuotaSlots {

    public static final String COLLECTION = "quota_slots";
    /** A claim younger than this may belong to a nomination being written right now. */
    static final Duration IN_FLIGHT = Duration.ofMinutes(5);

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    QuotaSlots(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The slot number taken, or empty when the quota is used up. */
    public Mono<Integer> claim(String programId, String unitId, String category, int limit, String nominationId) {
        String prefix = programId + "|" + unitId + "|" + category + "|";
        return tryClaim(prefix, limit, nominationId)
                .switchIfEmpty(Mono.defer(() -> reclaimStale(prefix).then(tryClaim(prefix, limit, nominationId))));
    }

    private Mono<Integer> tryClaim(String prefix, int limit, String nominationId) {
        return Flux.range(1, Math.max(0, limit))
                .concatMap(slot -> mongo.insert(new Document("_id", prefix + slot).append("nominationId", nominationId)
                        .append("claimedAt", Date.from(clock.instant())), COLLECTION).thenReturn(slot)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()))
                .next();
    }

    /** Frees slots held by rejected nominations or by nominations that were never stored. */
    private Mono<Void> reclaimStale(String prefix) {
        Date settled = Date.from(clock.instant().minus(IN_FLIGHT));
        return mongo.find(query(where("_id").regex("^" + Pattern.quote(prefix))), Document.class, COLLECTION)
                .concatMap(slot -> {
                    String holder = slot.getString("nominationId");
                    Date claimedAt = slot.getDate("claimedAt");
                    return mongo.findById(holder, Document.class, "nominations")
                            .map(n -> "REJECTED".equals(n.getString("state")))
                            .defaultIfEmpty(claimedAt == null || claimedAt.before(settled))
                            .filter(Boolean::booleanValue)
                            .flatMap(stale -> mongo.remove(query(where("_id").is(slot.get("_id"))
                                    .and("nominationId").is(holder)), COLLECTION));
                })
                .then();
    }

    public Mono<Void> release(String nominationId) {
        return mongo.remove(query(where("nominationId").is(nominationId)), COLLECTION).then();
    }
}
