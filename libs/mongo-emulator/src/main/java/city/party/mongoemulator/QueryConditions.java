package city.party.mongoemulator;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Finds the condition a query puts on one field, at its top level or inside a top-level
 * {@code $and} (Spring Data's {@code Criteria.andOperator} writes {@code {$and: [{_id: x}, scope]}},
 * which mongo-java-server answers by scanning the collection). Every branch of an {@code $and} must
 * hold, so any condition found there may narrow the candidates; {@code $or} and {@code $nor} branches
 * may not and are never looked into.
 */
final class QueryConditions {

    private QueryConditions() {
    }

    /** The conditions of {@code query} on each of {@code keys}, in their order; null if one has none. */
    static Document indexedPart(Document query, List<String> keys) {
        Document part = new Document();
        for (String key : keys) {
            Object condition = conditionOn(query, key);
            if (condition == null) {
                return null;
            }
            part.put(key, condition);
        }
        return part;
    }

    /** The condition on {@code key} ({@code {$eq: v}} unwrapped to {@code v}), or null if there is none. */
    static Object conditionOn(Document query, String key) {
        if (query.containsKey(key)) {
            Object condition = query.get(key);
            if (condition instanceof Document document && document.size() == 1 && document.containsKey("$eq")) {
                return document.get("$eq");
            }
            return condition;
        }
        if (query.get("$and") instanceof List<?> branches) {
            for (Object branch : branches) {
                if (branch instanceof Document document) {
                    Object condition = conditionOn(document, key);
                    if (condition != null) {
                        return condition;
                    }
                }
            }
        }
        return null;
    }
}
