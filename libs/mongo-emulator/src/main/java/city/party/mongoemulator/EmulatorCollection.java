package city.party.mongoemulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * Uses an index also when the query has more conditions than the index's keys, or keeps them in a
 * top-level {@code $and} ({@link QueryConditions}) — {@code {_id: x, $or: [...]}}, the guarded upsert
 * of an event-fed read model, and {@code {$and: [{_id: x}, scope]}}, a scoped look-up, scanned the
 * whole collection in mongo-java-server, which uses an index only when the query consists of exactly
 * its keys. A compound non-unique index also answers for its first key alone. Of the indexes that
 * can answer, the one with the fewest candidates is used (a unique one first: at most one) — unless
 * they are a third of the collection or more, which a scan reads faster; the whole query is still
 * matched against each candidate.
 */
final class EmulatorCollection extends H2Collection {

    /** Below this many candidates an index is always used, whatever share of the collection they are. */
    private static final int SCAN_THRESHOLD = 1_000;

    private final MVMap<Object, Document> dataMap;

    EmulatorCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
        this.dataMap = dataMap;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        Iterable<Object> candidates = null;
        int fewest = Integer.MAX_VALUE;
        for (Index<Object> index : getIndexes()) {
            if (!(index instanceof KeyValueUniqueIndex) && !(index instanceof KeyValueSecondaryIndex)) {
                continue;
            }
            Document part = QueryConditions.indexedPart(query, index.getKeys().stream().map(IndexKey::getKey).toList());
            if (part == null && index instanceof KeyValueSecondaryIndex compound && index.getKeys().size() > 1) {
                part = QueryConditions.indexedPart(query, List.of(compound.firstKey()));
            }
            if (part == null || !index.canHandle(part)) {
                continue;
            }
            Iterable<Object> positions = index.getPositions(part);
            int size = positions instanceof Collection<?> collection ? collection.size() : Integer.MAX_VALUE - 1;
            if (size < fewest) {
                candidates = positions;
                fewest = size;
            }
            if (index.isUnique() && size <= 1) {
                break;
            }
        }
        if (candidates != null && fewest > Math.max(SCAN_THRESHOLD, count() / 3)) {
            // a third of the collection or more: reading it in order is cheaper than fetching each one
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        if (candidates != null) {
            if ((orderBy == null || orderBy.isEmpty()) && fewest > 1) {
                // the order a scan would give (the documents' keys): callers that do not sort get what they got before
                List<Object> inKeyOrder = new ArrayList<>((Collection<Object>) candidates);
                inKeyOrder.sort(dataMap.getKeyType()::compare);
                candidates = inKeyOrder;
            }
            return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
