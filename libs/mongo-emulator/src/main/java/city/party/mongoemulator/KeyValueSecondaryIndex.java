package city.party.mongoemulator;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index for equality look-ups, which mongo-java-server lacks (it logs "not yet
 * implemented" and scans the collection for every query on such a field: 30,000 members per
 * meeting at city scale). Kept in memory and filled from the collection when the emulator opens it
 * (mongo-java-server fills an empty index from its documents), so the file format is unchanged.
 *
 * <p>It only ever narrows the candidates: the collection still matches the whole query against each
 * document it returns, so an index answers for equality on each of its keys (a value, or {@code $in}
 * of values for a single key) and declines everything else — ranges, regular expressions, null,
 * sub-documents and arrays as values. Multikey (array) fields are indexed per element, as MongoDB does.
 * Positions are the documents' {@code _id}s (what the H2 collection stores them under); secondary
 * indexes exist only on ordinary collections, which all have one.
 */
final class KeyValueSecondaryIndex extends Index<Object> {

    private final Map<KeyValue, Set<Object>> positions = new ConcurrentHashMap<>();
    private final AtomicLong entries = new AtomicLong();
    /**
     * For a compound index, the same on its first key alone, so that a query on that prefix is
     * served as MongoDB serves it ({@code {memberId, kind, heldAt: {$gte, $lt}}} from the index
     * on memberId, kind, heldAt); null for a single-key index.
     */
    private final KeyValueSecondaryIndex prefix;

    KeyValueSecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.prefix = keys.size() > 1 ? new KeyValueSecondaryIndex(name, keys.subList(0, 1), sparse) : null;
    }

    /** The first key's name: a query with a usable condition on it alone can be served. */
    String firstKey() {
        return keys().get(0);
    }

    /** Where a document is, the {@code _id} index says; a non-unique index cannot. */
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // nothing to violate
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        if (prefix != null) {
            prefix.add(document, position, collection);
        }
        if (isSparse() && hasNoValueForKeys(document)) {
            return;
        }
        for (KeyValue key : getKeyValues(document)) {
            if (positions.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(position)) {
                entries.incrementAndGet();
            }
        }
    }

    /** Returns the document's position, as every index must (the collection checks they agree). */
    @Override
    public Object remove(Document document) {
        Object position = document.get("_id");
        remove(document, position);
        return isSparse() && hasNoValueForKeys(document) ? null : position;
    }

    private void remove(Document document, Object position) {
        if (prefix != null) {
            prefix.remove(document, position);
        }
        for (KeyValue key : getKeyValues(document)) {
            positions.computeIfPresent(key, (k, set) -> {
                if (set.remove(position)) {
                    entries.decrementAndGet();
                }
                return set.isEmpty() ? null : set;
            });
        }
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // nothing to violate
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            remove(oldDocument, position);
            add(newDocument, position, collection);
        }
    }

    @Override
    public boolean canHandle(Document query) {
        if (prefix != null && query.keySet().equals(prefix.keySet())) {
            return prefix.canHandle(query);
        }
        if (!query.keySet().equals(keySet())) {
            return false;
        }
        for (String key : keys()) {
            Object value = query.get(key);
            if (value instanceof Document condition) {
                // {$in: [...]} on a single key; every other operator (ranges, $ne, $exists, ...) is declined
                if (isCompoundIndex() || condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> in)
                        || !in.stream().allMatch(KeyValueSecondaryIndex::isPlainValue)) {
                    return false;
                }
            }
            else if (!isPlainValue(value)) {
                return false;
            }
        }
        return true;
    }

    /** A value an equality look-up can use: not null, not a sub-document, array or regular expression. */
    static boolean isPlainValue(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection)
                && !BsonRegularExpression.isRegularExpression(value)
                && !(value instanceof java.util.regex.Pattern);
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        if (prefix != null && query.keySet().equals(prefix.keySet())) {
            return prefix.getPositions(query);
        }
        Set<Object> found = new LinkedHashSet<>();
        String first = keys().get(0);
        if (!isCompoundIndex() && query.get(first) instanceof Document condition) {
            for (Object value : (Collection<?>) condition.get("$in")) {
                collect(lookUpKey(new Document(first, value)), found);
            }
            return found;
        }
        collect(lookUpKey(query), found);
        return found;
    }

    /**
     * The key a document holding the queried values would have — normalised as the stored keys are
     * (1 and 1.0 alike), by the same code that computes them.
     */
    private KeyValue lookUpKey(Document query) {
        Document probe = new Document();
        for (String key : keys()) {
            String[] path = key.split("\\.");
            Document at = probe;
            for (int i = 0; i < path.length - 1; i++) {
                Object next = at.get(path[i]);
                if (!(next instanceof Document)) {
                    next = new Document();
                    at.put(path[i], next);
                }
                at = (Document) next;
            }
            at.put(path[path.length - 1], query.get(key));
        }
        return getKeyValues(probe).iterator().next();
    }

    private void collect(KeyValue key, Set<Object> found) {
        Set<Object> at = positions.get(key);
        if (at != null) {
            found.addAll(at);
        }
    }

    private boolean hasNoValueForKeys(Document document) {
        for (KeyValue key : getKeyValues(document)) {
            for (Object value : key) {
                if (!(value instanceof Missing)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public long getCount() {
        return entries.get();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        if (prefix != null) {
            prefix.drop();
        }
        positions.clear();
        entries.set(0);
    }
}
