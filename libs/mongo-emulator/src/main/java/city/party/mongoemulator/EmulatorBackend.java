package city.party.mongoemulator;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with five changes that matter under load: a page cache large
 * enough to keep the working set decoded (H2's default of 16 MB made every scan deserialise
 * documents again), documents stored as BSON ({@link DocumentDataType}) instead of
 * Java-serialised, unique indexes keyed with {@link KeyValueDataType} instead of H2's
 * serialise-to-compare default, non-unique indexes ({@link KeyValueSecondaryIndex}; the plain
 * backend ignores them and scans), and indexes used for queries with further conditions
 * ({@link EmulatorCollection}). Index maps have names of their own ({@value #INDEX_MAP}); a file
 * written by the plain backend gets them rebuilt from the documents when it is first opened
 * (mongo-java-server fills an empty index from its collection), and its old index maps removed.
 */
final class EmulatorBackend extends H2Backend {

    static final String INDEX_MAP = "._kv_index_";
    private static final String PLAIN_INDEX_MAP = "._index_";

    private EmulatorBackend(MVStore store) {
        super(store);
    }

    /** @param cacheMegabytes H2's page cache; decoded pages, so the heap must have room for it */
    static EmulatorBackend open(String file, int cacheMegabytes) {
        return new EmulatorBackend(new MVStore.Builder().fileName(file).cacheSize(cacheMegabytes).open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /*
     * An inner class on purpose: H2Database's constructor already opens the indexes (through
     * openOrCreateUniqueIndex), before any field of a subclass is set — but the reference to the
     * enclosing backend, and so getMvStore(), is set before the superclass constructor runs.
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVStore store = getMvStore();
            String namespace = getFullCollectionNamespace(collectionName);
            String plain = namespace + PLAIN_INDEX_MAP + indexName;
            if (store.hasMap(plain)) {
                // opened with the type it was written with: removing it by name would open it with a
                // generic type that cannot compare keys, and the store's compaction would fail on it
                store.removeMap(store.openMap(plain));
            }
            return new KeyValueUniqueIndex(indexMap(namespace + INDEX_MAP + indexName), indexName, keys, sparse);
        }

        /** In memory, filled from the collection when opened: see {@link KeyValueSecondaryIndex}. */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            return new KeyValueSecondaryIndex(indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the maps' names are mongo-java-server's, so files stay compatible both ways
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = getMvStore().openMap("databases." + namespace,
                    new MVMap.Builder<Object, Document>().valueType(DocumentDataType.INSTANCE));
            return new EmulatorCollection(this, collectionName, options, documents, getMvStore().openMap("meta." + namespace),
                    getCursorRegistry());
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            String name = getFullCollectionNamespace(collection.getCollectionName()) + INDEX_MAP + indexName;
            if (getMvStore().hasMap(name)) {
                getMvStore().removeMap(indexMap(name));
            }
        }

        private MVMap<KeyValue, Object> indexMap(String name) {
            return getMvStore().openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(KeyValueDataType.INSTANCE));
        }
    }
}
