package city.party.e2e.abuse;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import city.party.e2e.abuse.ApiCatalog.Schemas;

/**
 * A plausible value for a schema, so that an abuse case breaks exactly one thing and the rest of
 * the request gets past parsing and validation. Every reference (organisation, member, campaign …)
 * is {@code reference}: an id that does not exist, so a write that gets through touches nothing.
 */
final class Samples {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);

    /**
     * Operations that create a resource from nothing but their body, with the resource's own id set
     * to one the demo data already has: an otherwise valid body is then refused as a duplicate (409)
     * instead of leaving an activity kind or a campaign called "e2e-…" in the demo.
     */
    private static final Map<String, Map<String, Object>> EXISTING_IDS = Map.of(
            "POST /api/activities/kinds", Map.of("code", "branch-committee-meeting"),
            "POST /api/donation-campaigns", Map.of("id", "demo-epidemic-relief"));

    private final Schemas schemas;
    private final String reference;

    Samples(Schemas schemas, String reference) {
        this.schemas = schemas;
        this.reference = reference;
    }

    Object of(Map<String, Object> schema, String name, int depth) {
        Map<String, Object> resolved = schemas.resolve(schema);
        Object type = resolved.get("type");
        if (resolved.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        if ("object".equals(type) || resolved.containsKey("properties")) {
            return object(resolved, depth);
        }
        if ("array".equals(type)) {
            List<Object> list = new ArrayList<>();
            int min = resolved.get("minItems") instanceof Number n ? Math.max(1, n.intValue()) : 1;
            for (int i = 0; i < Math.min(min, 3) && depth < 4; i++) {
                list.add(of(items(resolved), singular(name), depth + 1));
            }
            return list;
        }
        if ("integer".equals(type)) {
            return resolved.get("minimum") instanceof Number n ? n.longValue() : 1;
        }
        if ("number".equals(type)) {
            return resolved.get("minimum") instanceof Number n ? n : 1;
        }
        if ("boolean".equals(type)) {
            return false;
        }
        return string(resolved, name);
    }

    /** The plausible body of an operation (see {@link #EXISTING_IDS}). */
    Map<String, Object> body(ApiCatalog.Operation operation) {
        Map<String, Object> body = object(operation.body().schema(), 0);
        body.putAll(EXISTING_IDS.getOrDefault(operation.key(), Map.of()));
        return body;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Map<String, Object> schema, int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            Map<String, Object> propertySchema = schemas.resolve((Map<String, Object>) property.getValue());
            if (Boolean.TRUE.equals(propertySchema.get("readOnly")) || "CallerScope".equals(property.getKey())
                    || "caller".equals(property.getKey())) {
                continue;
            }
            object.put(property.getKey(), of((Map<String, Object>) property.getValue(), property.getKey(), depth + 1));
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> items(Map<String, Object> arraySchema) {
        return schemas.resolve((Map<String, Object>) arraySchema.getOrDefault("items", Map.of("type", "string")));
    }

    private String string(Map<String, Object> schema, String name) {
        String format = (String) schema.get("format");
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if ("date".equals(format)) {
            return TODAY.minusDays(1).toString();
        }
        if ("date-time".equals(format)) {
            // "ends"/"closes" after "starts"/"opens", so time windows are plausible
            boolean later = lower.contains("end") || lower.contains("close") || lower.contains("deadline");
            return (later ? NOW.plusDays(2) : NOW.plusDays(1)).toString();
        }
        if (schema.get("pattern") instanceof String pattern) {
            return byPattern(pattern);
        }
        if (lower.equals("amount") || lower.endsWith("income") || lower.equals("target")) {
            return "1.00";
        }
        if (lower.endsWith("id") || lower.endsWith("ids") || lower.equals("parentid")) {
            return reference;
        }
        if (lower.equals("idnumber")) {
            return "110101199003070014";
        }
        return "e2e-" + (name == null ? "value" : name);
    }

    private String byPattern(String pattern) {
        if (pattern.contains("(0[1-9]|1[0-2])")) {
            return TODAY.minusMonths(1).toString().substring(0, 7);
        }
        if (pattern.equals("[0-9]{6}")) {
            return "123456";
        }
        if (pattern.startsWith("[0-9+")) {
            return "13900000000";
        }
        return reference;
    }

    private static String singular(String name) {
        return name != null && name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }
}
