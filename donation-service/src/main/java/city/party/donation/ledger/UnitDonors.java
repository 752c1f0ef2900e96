package city.party.donation.ledger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Who has given, per unit of a campaign: one document per (campaign, unit) holding the set of
 * members with at least one effective donation and its size. It lets a donation find out at once
 * whether its unit is now complete; counting the unit's donors from the {@code donors} collection
 * instead read every donor of the campaign, per donation (on the emulator a scan of the collection:
 * the city scenario ran at 14 donations/s because of it).
 *
 * <p>Exact under concurrency and retries: a member is added only by an update whose filter says they
 * are not in the set yet, and removed only by one that says they are, each incrementing or
 * decrementing the size in the same single-document update. Adding and removing are idempotent, so a
 * replay after a crash never counts anyone twice.
 */
@Component
class UnitDonors {

    private static final Logger log = LoggerFactory.getLogger(UnitDonors.class);

    static final String COLLECTION = "unit_donors";
    /** Campaigns whose unit sets were built; a campaign from before the sets existed is built once from its donors. */
    static final String BUILT = "unit_donors_built";

    private final ReactiveMongoTemplate mongo;
    private final Map<String, Mono<Void>> building = new ConcurrentHashMap<>();

    UnitDonors(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private static String id(String campaignId, String unitId) {
        return campaignId + "|" + unitId;
    }

    /**
     * Counts the member as a donor of their unit. Returns the unit's donor count when this call
     * added them, empty when they were counted already.
     */
    Mono<Long> add(String campaignId, String unitId, String memberId) {
        return built(campaignId).then(addCounted(campaignId, unitId, memberId));
    }

    private Mono<Long> addCounted(String campaignId, String unitId, String memberId) {
        Query absent = query(where("_id").is(id(campaignId, unitId)).and("members").ne(memberId));
        Update add = new Update().addToSet("members", memberId).inc("donors", 1L);
        Mono<Long> attempt = Mono.defer(() -> mongo.findAndModify(absent, add,
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .map(doc -> ((Number) doc.get("donors")).longValue()));
        // Nothing matched: the member is counted already, or the unit has no document yet.
        return attempt.switchIfEmpty(Mono.defer(() -> create(campaignId, unitId)
                .flatMap(created -> created ? attempt : Mono.empty())));
    }

    private Mono<Boolean> create(String campaignId, String unitId) {
        Update create = new Update().setOnInsert("campaignId", campaignId).setOnInsert("unitId", unitId)
                .setOnInsert("members", List.of()).setOnInsert("donors", 0L);
        return mongo.upsert(query(where("_id").is(id(campaignId, unitId))), create, COLLECTION)
                .map(result -> result.getUpsertedId() != null)
                .onErrorResume(DuplicateKeyException.class, raced -> Mono.just(true));
    }

    /** No longer counts the member as a donor of their unit (their last effective donation was reversed). */
    Mono<Void> remove(String campaignId, String unitId, String memberId) {
        Query present = query(where("_id").is(id(campaignId, unitId)).and("members").is(memberId));
        return built(campaignId).then(mongo.updateFirst(present,
                new Update().pull("members", memberId).inc("donors", -1L), COLLECTION)).then();
    }

    /**
     * Builds the sets of a campaign that has donors from before they existed, once: every member
     * with an effective donation is added (idempotent, so building twice or alongside live donations
     * counts nobody twice). A reversal racing the one-time build may leave its donor counted until
     * the member's set entry is next touched; the progress view counts from the donors themselves.
     */
    private Mono<Void> built(String campaignId) {
        Mono<Void> pending = building.computeIfAbsent(campaignId, c -> build(c)
                .doOnError(e -> building.remove(c)).cache());
        return pending;
    }

    private Mono<Void> build(String campaignId) {
        return mongo.exists(query(where("_id").is(campaignId)), BUILT).flatMap(done -> done ? Mono.empty()
                : mongo.find(query(where("campaignId").is(campaignId)), Document.class, LedgerService.DONORS)
                        .filter(doc -> {
                            List<?> ids = doc.getList("activeIds", Object.class);
                            return ids != null && !ids.isEmpty() && doc.getString("unitId") != null;
                        })
                        .concatMap(doc -> addCounted(campaignId, doc.getString("unitId"), doc.getString("memberId"))
                                .thenReturn(1L))
                        .count()
                        .flatMap(members -> {
                            if (members > 0) {
                                log.info("unit donor sets of campaign {} built from {} donors", campaignId, members);
                            }
                            return mongo.insert(new Document("_id", campaignId).append("members", members), BUILT)
                                    .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()).then();
                        }))
                .then();
    }
}
