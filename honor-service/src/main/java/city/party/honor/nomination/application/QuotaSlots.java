package city.party.honor.nomination.application;

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
 * concurrent inserts of the same slot succeed. A rejected nomination gives its slot back.
 */
@Component
public class QuotaSlots {

    public static final String COLLECTION = "quota_slots";

    private final ReactiveMongoTemplate mongo;

    QuotaSlots(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The slot number taken, or empty when the quota is used up. */
    public Mono<Integer> claim(String programId, String unitId, String category, int limit, String nominationId) {
        String prefix = programId + "|" + unitId + "|" + category + "|";
        return Flux.range(1, Math.max(0, limit))
                .concatMap(slot -> mongo.insert(new Document("_id", prefix + slot).append("nominationId", nominationId)
                        .append("programId", programId), COLLECTION).thenReturn(slot)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()))
                .next();
    }

    public Mono<Void> release(String nominationId) {
        return mongo.remove(query(where("nominationId").is(nominationId)), COLLECTION).then();
    }
}
