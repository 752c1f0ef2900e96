package city.party.mongoemulator;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * Uses a unique index also when the query has more conditions than the index's keys — {@code
 * {_id: x, $or: [...]}}, the guarded upsert of an event-fed read model, scanned the whole
 * collection in mongo-java-server, which uses an index only when the query consists of exactly its
 * keys. The indexed part narrows the candidates; the whole query is still matched against each.
 */
final class EmulatorCollection extends H2Collection {

    EmulatorCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        for (Index<Object> index : getIndexes()) {
            if (index instanceof KeyValueUniqueIndex unique) {
                Document part = unique.indexedPart(query);
                if (part != null && part.size() < query.size() && unique.canHandle(part)) {
                    return matchDocuments(query, unique.getPositions(part), orderBy, numberToSkip, limit, batchSize,
                            fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
