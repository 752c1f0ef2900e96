package city.party.e2e.abuse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import city.party.e2e.abuse.ApiCatalog.Operation;
import city.party.e2e.abuse.ApiCatalog.Param;
import city.party.e2e.abuse.Json.Raw;

/**
 * The bad requests sent to one operation: malformed JSON, wrong types, missing fields, huge
 * bodies, unicode edge cases, injection strings, invalid path ids, bad query parameters and
 * headers. Drawn from fixed lists with a random generator seeded per operation, and capped per
 * family, so every run sends the same requests and the run stays short.
 */
final class AbuseCases {

    /** One request: what is wrong with it ({@code kind}) and the request itself. */
    record Case(String kind, String method, String path, String contentType, byte[] body,
            Map<String, String> headers) {
    }

    /** An id no resource has: the baseline for every path parameter and every reference in a body. */
    static final String MISSING = "e2e-fuzz-missing";

    /** Raw path segments (already percent-encoded where the URI needs it). */
    static final Map<String, String> BAD_PATH_IDS = ordered(
            "path id: 1,000 characters", "x".repeat(1000),
            "path id: 5,000 characters (over the 4 KiB request line)", "y".repeat(5000),
            "path id: ..%2F traversal", "..%2F..%2Factuator%2Fenv",
            "path id: %2e%2e", "%2e%2e",
            "path id: encoded slash", "a%2Fb",
            "path id: encoded backslash", "a%5Cb",
            "path id: semicolon parameter", "a;jsessionid=1",
            "path id: NUL", "a%00b",
            "path id: lone surrogate (CESU-8)", "%ED%A0%80",
            "path id: invalid UTF-8", "%C3%28%FF",
            "path id: unicode, emoji, RTL and zero-width", "%E5%85%9A%F0%9F%98%80%E2%80%AEx%E2%80%8By",
            "path id: Mongo operator object", "%7B%22%24gt%22%3A%22%22%7D",
            "path id: SQL injection", "'%3B%20DROP%20TABLE%20members%3B--",
            "path id: script tag", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "path id: not an ObjectId", "not-an-object-id",
            "path id: all-zero ObjectId", "000000000000000000000000",
            "path id: lone percent", "%25",
            "path id: dollar operator", "$where",
            "path id: blank", "%20");

    private static final List<String> BAD_INTEGERS = List.of("abc", "-1", "0", "1.5", "99999999999999999999",
            "2147483648", "-2147483649", "1e3", "");
    private static final List<String> BAD_STRINGS = List.of("%7B%22%24gt%22%3A%22%22%7D", "%24where",
            "'%3B%20DROP%20TABLE%20members%3B--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a%00b", "%ED%A0%80",
            "%F0%9F%98%80%E2%80%AE%E2%80%8B", "z".repeat(3000), ".*", "%5E(a%2B)%2B%24", "%5C", "");
    private static final List<String> BAD_SORTS = List.of("%24where", "name,sideways", "no-such-field,asc",
            "idNumber,asc", ",,,", "name,asc,desc");

    /** Values of the wrong JSON type, by the type the schema declares. */
    private static final Map<String, List<Object>> WRONG_TYPES = Map.of(
            "string", List.of(123, true, Map.of(), List.of("x"), 1.5e300),
            "integer", List.of("abc", 1.5, new Raw("99999999999999999999999999"), true, Map.of(), new Raw("1e999999999")),
            "number", List.of("abc", true, List.of(), new Raw("1e999999999")),
            "boolean", List.of("yes", 2, Map.of()),
            "array", List.of("x", Map.of(), Collections.singletonList(null), List.of(List.of(Map.of()))),
            "object", List.of(List.of(), "x", 7),
            "date", List.of("2026-02-30", "yesterday", "2026-13-01", "", "20261126"),
            "date-time", List.of("2026-11-26", "not-a-time", "2026-11-26T25:00:00Z", "+999999999-12-31T23:59:59Z"),
            "enum", List.of("NOT_A_VALUE", "", "approve "));

    private static final List<Object> INJECTIONS = List.of(Map.of("$gt", ""), Map.of("$ne", (Object) "x"),
            Map.of("$where", "sleep(5000)"), "'; DROP TABLE members;--", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1:1/a}", "{{7*7}}", "../../../../etc/passwd", "$where", "^(a+)+$");

    private static final List<String> UNICODE = List.of("\ud800", "\udc00x", "\udc00\ud800", "\u202egnp.exe",
            "a\u200b\u200c\u200d\ufeffb", "😀👨‍👩‍👧‍👦", "a\u0000b", "e\u0301\u0301\u0301\u0301", "\uffff\ufffe",
            "１２３", "党员‮");

    /** Extra members that must never reach a document as they are. */
    private static final List<Map<String, Object>> HOSTILE_MEMBERS = List.of(Map.of("$set", Map.of("status", "x")),
            Map.of("_id", "e2e-fuzz-takeover"), Map.of("version", 999_999), Map.of("__proto__", Map.of("admin", true)),
            Map.of("@class", "java.lang.ProcessBuilder"));

    /**
     * Operations whose plain form is expensive by design, narrowed in every case to what does not
     * exist: the member export writes the whole city's register (seconds for 30,000 members), and
     * sent dozens of times under load it only measures the machine.
     */
    private static final Map<String, Map<String, String>> NARROWED = Map.of(
            "GET /api/members/export", Map.of("organizationId", MISSING));

    private static final int TWO_MB = 2 * 1024 * 1024 + 1;
    private static final int TWENTY_MB = 20 * 1024 * 1024 + 1;

    private final Operation operation;
    private final Random random;
    private final Samples samples;
    private final boolean twentyMegabytes;
    private final List<Case> cases = new ArrayList<>();

    private AbuseCases(Operation operation, long seed, boolean twentyMegabytes) {
        this.operation = operation;
        this.random = new Random(seed ^ operation.key().hashCode());
        this.samples = new Samples(operation.schemas(), MISSING);
        this.twentyMegabytes = twentyMegabytes;
    }

    /**
     * The cases for one operation. {@code twentyMegabytes}: whether to send it a 20 MB body too (a
     * few operations per service are enough to prove the limit; every JSON operation gets 2 MB).
     */
    static List<Case> of(Operation operation, long seed, boolean twentyMegabytes) {
        AbuseCases generator = new AbuseCases(operation, seed, twentyMegabytes);
        generator.pathIds();
        generator.queries();
        generator.headers();
        if (operation.body() != null && operation.body().json()) {
            generator.jsonBodies();
        }
        else if (operation.body() != null && operation.body().multipart()) {
            generator.multipartBodies();
        }
        return generator.cases;
    }

    // ---- path ids -------------------------------------------------------------------------------

    private void pathIds() {
        List<Param> params = operation.in("path");
        for (int p = 0; p < params.size(); p++) {
            List<Map.Entry<String, String>> values = new ArrayList<>(BAD_PATH_IDS.entrySet());
            // half the bad ids for the first id of a read, a handful for writes and further ids (seeded
            // per operation, so across the ~90 operations every bad id is sent many times)
            int limit = p == 0 && !operation.writes() ? 10 : 6;
            for (Map.Entry<String, String> bad : pick(values, limit)) {
                Map<String, String> ids = new LinkedHashMap<>();
                for (Param param : params) {
                    ids.put(param.name(), MISSING);
                }
                ids.put(params.get(p).name(), bad.getValue());
                String kind = bad.getKey() + (params.size() > 1 ? " in {" + params.get(p).name() + "}" : "");
                cases.add(request(kind, path(ids, requiredQuery()), defaultBody()));
            }
        }
    }

    // ---- query parameters -----------------------------------------------------------------------

    private void queries() {
        List<Param> params = operation.in("query");
        if (params.isEmpty()) {
            return;
        }
        for (Param param : params) {
            List<String> values = switch (type(param.schema())) {
                case "integer", "number" -> param.name().equals("page") || param.name().equals("size") ? BAD_INTEGERS
                        : pick(BAD_INTEGERS, 4);
                case "boolean" -> List.of("maybe", "", "2", "%7B%7D");
                case "enum" -> List.of("NOT_A_VALUE", "", ((List<?>) param.schema().get("enum")).get(0).toString()
                        .toLowerCase(Locale.ROOT), "%24ne");
                default -> param.name().equals("sort") ? BAD_SORTS : pick(BAD_STRINGS, 5);
            };
            for (String value : values) {
                Map<String, String> query = requiredQuery();
                query.put(param.name(), value);
                cases.add(request("query " + param.name() + "=" + Findings.abbreviate(value, 40),
                        path(missingIds(), query), defaultBody()));
            }
        }
        Map<String, String> operator = requiredQuery();
        operator.put(params.get(0).name() + "%5B%24ne%5D", "x");
        cases.add(request("query operator-style parameter name", path(missingIds(), operator), defaultBody()));
        String twice = path(missingIds(), requiredQuery());
        twice += (twice.contains("?") ? "&" : "?") + params.get(0).name() + "=1&" + params.get(0).name() + "=abc";
        cases.add(request("query parameter given twice", twice, defaultBody()));
    }

    // ---- headers and methods --------------------------------------------------------------------

    private void headers() {
        String path = path(missingIds(), requiredQuery());
        Case plain = request("baseline", path, defaultBody());
        cases.add(plain);
        cases.add(with(plain, "Accept: application/xml only", Map.of("Accept", "application/xml")));
        cases.add(with(plain, "Accept-Language: garbage", Map.of("Accept-Language", "xx-INVALID;q=2, *;q=abc")));
        if (operation.parameters().stream().anyMatch(p -> p.name().equalsIgnoreCase("If-Match"))) {
            Case withoutIfMatch = request("If-Match missing", path, defaultBody(), Map.of());
            cases.add(withoutIfMatch);
            for (String value : pick(List.of("garbage", "\"abc\"", "W/\"1\"", "*", "\"99999999999999999999999\"",
                    "\"-1\"", "\"1\", \"2\""), 4)) {
                cases.add(with(withoutIfMatch, "If-Match: " + value, Map.of("If-Match", value)));
            }
        }
        if (operation.parameters().stream().anyMatch(p -> p.name().equalsIgnoreCase("Idempotency-Key"))) {
            for (String value : List.of("k".repeat(1000), " ", "a\tb")) {
                cases.add(with(plain, "Idempotency-Key: " + Findings.abbreviate(value, 20),
                        Map.of("Idempotency-Key", value)));
            }
        }
    }

    // ---- JSON bodies ----------------------------------------------------------------------------

    private void jsonBodies() {
        String path = path(missingIds(), requiredQuery());
        Map<String, Object> schema = operation.body().schema();
        Map<String, Object> valid = samples.body(operation);

        Map<String, String> malformed = ordered(
                "body: empty", "",
                "body: truncated object", "{\"a\":",
                "body: missing value", "{\"a\":}",
                "body: trailing comma", "{\"a\":1,}",
                "body: single quotes", "{'a':'b'}",
                "body: trailing garbage", Json.write(valid) + " }{",
                "body: JSON null", "null",
                "body: array instead of object", "[]",
                "body: string instead of object", "\"text\"",
                "body: number instead of object", "-0.0e-0",
                "body: raw NUL inside a string", "{\"a\":\"x\u0000y\"}",
                "body: comment", "/* c */ {}",
                "body: byte order mark", "\ufeff" + Json.write(valid),
                "body: 100,000 nested arrays", "[".repeat(100_000),
                "body: 3,000 nested objects", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "body: duplicate member", duplicateMember(valid));
        // the same decoder reads every body of a service: a seeded dozen of these per operation
        List<Case> unreadable = new ArrayList<>();
        malformed.forEach((kind, text) -> unreadable.add(request(kind, path, text.getBytes(StandardCharsets.UTF_8))));
        unreadable.add(request("body: invalid UTF-8 bytes", path, invalidUtf8(valid)));
        unreadable.add(request("body: 1e999999999 number", path, Json.write(merge(valid,
                Map.of(firstName(schema, null), new Raw("1e999999999")))).getBytes(StandardCharsets.UTF_8)));
        String json = Json.write(valid);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data")) {
            unreadable.add(new Case("body: Content-Type " + type, operation.method(), path, type,
                    json.getBytes(StandardCharsets.UTF_8), ifMatch()));
        }
        unreadable.add(new Case("body: no Content-Type", operation.method(), path, null,
                json.getBytes(StandardCharsets.UTF_8), ifMatch()));
        unreadable.add(new Case("body: JSON declared as ISO-8859-1", operation.method(), path,
                "application/json;charset=ISO-8859-1", json.getBytes(StandardCharsets.UTF_8), ifMatch()));
        cases.addAll(pick(unreadable, 12));

        // missing required members
        cases.add(json("missing: every member ({})", path, Map.of()));
        List<String> required = required(schema);
        for (String name : pick(required, 4)) {
            Map<String, Object> without = new LinkedHashMap<>(valid);
            without.remove(name);
            cases.add(json("missing: " + name, path, without));
        }
        for (String name : pick(required, 3)) {
            cases.add(json("null: " + name, path, merge(valid, Collections.singletonMap(name, null))));
        }

        // wrong types, one member at a time (nested arrays of objects too)
        List<Mutation> wrongTypes = new ArrayList<>();
        properties(schema).forEach((name, propertySchema) -> {
            for (Object wrong : WRONG_TYPES.get(type(propertySchema))) {
                wrongTypes.add(new Mutation("wrong type: " + name + " = " + Findings.abbreviate(Json.write(wrong), 30),
                        body -> merge(body, Collections.singletonMap(name, wrong))));
            }
            nestedWrongTypes(name, propertySchema, valid, wrongTypes);
        });
        pick(wrongTypes, 12).forEach(mutation -> cases.add(json(mutation.kind(), path, mutation.apply(valid))));

        // a null element in every array (and in arrays one level down): the classic NullPointerException
        properties(schema).forEach((name, propertySchema) -> {
            if ("array".equals(type(propertySchema))) {
                cases.add(json("null element: " + name, path, merge(valid, Map.of(name, Collections.singletonList(null)))));
                Map<String, Object> items = samples.items(propertySchema);
                if (valid.get(name) instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                    properties(items).forEach((inner, innerSchema) -> {
                        if ("array".equals(type(innerSchema))) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> element = new LinkedHashMap<>((Map<String, Object>) list.get(0));
                            element.put(inner, Collections.singletonList(null));
                            cases.add(json("null element: " + name + "[0]." + inner, path,
                                    merge(valid, Map.of(name, List.of(element)))));
                        }
                    });
                }
            }
        });

        // injection strings and operator objects in string members; hostile extra members
        List<String> strings = stringProperties(schema);
        pick(replacements("injection", strings, INJECTIONS), 6)
                .forEach(mutation -> cases.add(json(mutation.kind(), path, mutation.apply(valid))));
        for (Map<String, Object> hostile : pick(HOSTILE_MEMBERS, 2)) {
            cases.add(json("extra member: " + Json.write(hostile), path, merge(valid, hostile)));
        }

        // unicode edge cases
        pick(replacements("unicode", strings, UNICODE), 5)
                .forEach(mutation -> cases.add(json(mutation.kind(), path, mutation.apply(valid))));
        cases.add(json("unicode: member name with emoji and RTL", path, merge(valid, Map.of("😀\u202e", "x"))));

        // huge bodies: a long string member (or padding) of 2 MB, and 20 MB for a few operations
        String longMember = strings.isEmpty() ? "padding" : strings.get(0);
        cases.add(huge("huge: 2 MB JSON", path, valid, longMember, TWO_MB));
        if (twentyMegabytes) {
            cases.add(huge("huge: 20 MB JSON", path, valid, longMember, TWENTY_MB));
        }
        cases.add(json("huge: 100,000-element array", path, merge(valid, Map.of(firstArray(schema, "padding"),
                Collections.nCopies(100_000, 1)))));
    }

    /** Every member in {@code names} set to every value in {@code values}, one at a time. */
    private static List<Mutation> replacements(String family, List<String> names, List<?> values) {
        List<Mutation> mutations = new ArrayList<>();
        for (String name : names) {
            for (Object value : values) {
                mutations.add(new Mutation(family + ": " + name + " = " + Json.write(value),
                        body -> merge(body, Collections.singletonMap(name, value))));
            }
        }
        return mutations;
    }

    private void nestedWrongTypes(String name, Map<String, Object> propertySchema, Map<String, Object> valid,
            List<Mutation> into) {
        if (!"array".equals(type(propertySchema))) {
            return;
        }
        Map<String, Object> items = samples.items(propertySchema);
        if (!"object".equals(type(items)) || !(valid.get(name) instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        properties(items).forEach((inner, innerSchema) -> {
            Object wrong = WRONG_TYPES.get(type(innerSchema)).get(0);
            into.add(new Mutation("wrong type: " + name + "[0]." + inner + " = " + Json.write(wrong), body -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> element = new LinkedHashMap<>((Map<String, Object>) list.get(0));
                element.put(inner, wrong);
                return merge(body, Map.of(name, List.of(element)));
            }));
        });
    }

    // ---- multipart bodies -----------------------------------------------------------------------

    private void multipartBodies() {
        String path = path(missingIds(), requiredQuery());
        String part = properties(operation.body().schema()).entrySet().stream()
                .filter(e -> "binary".equals(e.getValue().get("format"))).map(Map.Entry::getKey).findFirst()
                .orElse("file");
        String boundary = "e2e-fuzz-boundary";
        String type = "multipart/form-data; boundary=" + boundary;
        cases.add(new Case("multipart: no boundary", operation.method(), path, "multipart/form-data",
                multipart(boundary, part, "a.xlsx", "x".getBytes(StandardCharsets.UTF_8)), Map.of()));
        cases.add(new Case("multipart: JSON instead", operation.method(), path, "application/json",
                "{\"file\":\"x\"}".getBytes(StandardCharsets.UTF_8), Map.of()));
        cases.add(new Case("multipart: boundary never closed", operation.method(), path, type,
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
                        + "\"; filename=\"a.csv\"\r\n\r\nabc").getBytes(StandardCharsets.UTF_8), Map.of()));
        cases.add(new Case("multipart: wrong part name", operation.method(), path, type,
                multipart(boundary, "not-" + part, "a.xlsx", new byte[] { 1, 2, 3 }), Map.of()));
        cases.add(new Case("multipart: empty file", operation.method(), path, type,
                multipart(boundary, part, "a.xlsx", new byte[0]), Map.of()));
        cases.add(new Case("multipart: garbage named .xlsx", operation.method(), path, type,
                multipart(boundary, part, "a.xlsx", bytes(4096)), Map.of()));
        cases.add(new Case("multipart: file name traversal and unicode", operation.method(), path, type,
                multipart(boundary, part, "..%2F..%2F\u202egnp.\u0000.png", bytes(64)), Map.of()));
        cases.add(new Case("multipart: no parts", operation.method(), path, type,
                ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8), Map.of()));
        cases.add(new Case("huge: 2 MB multipart", operation.method(), path, type,
                multipart(boundary, part, "a.png", bytes(TWO_MB)), Map.of()));
        cases.add(new Case("huge: 20 MB multipart", operation.method(), path, type,
                multipart(boundary, part, "a.xlsx", bytes(TWENTY_MB)), Map.of()));
    }

    private static byte[] multipart(String boundary, String part, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    // ---- building requests ----------------------------------------------------------------------

    private record Mutation(String kind, UnaryOperator<Map<String, Object>> change) {

        Map<String, Object> apply(Map<String, Object> body) {
            return change.apply(body);
        }
    }

    private Case request(String kind, String path, byte[] body) {
        return request(kind, path, body, ifMatch());
    }

    private Case request(String kind, String path, byte[] body, Map<String, String> headers) {
        String type = body == null ? null : operation.body() != null && operation.body().multipart()
                ? "multipart/form-data; boundary=e2e-fuzz-boundary" : "application/json";
        return new Case(kind, operation.method(), path, type, body, headers);
    }

    private static Case with(Case base, String kind, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(base.headers());
        all.putAll(headers);
        return new Case(kind, base.method(), base.path(), base.contentType(), base.body(), all);
    }

    private Case json(String kind, String path, Map<String, Object> body) {
        return request(kind, path, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private Case huge(String kind, String path, Map<String, Object> valid, String member, int size) {
        // the valid body with the long member last, written straight into a byte array of the size asked for
        Map<String, Object> body = new LinkedHashMap<>(valid);
        body.remove(member);
        String head = Json.write(body);
        String start = (head.equals("{}") ? "{" : head.substring(0, head.length() - 1) + ",") + "\"" + member + "\":\"";
        int fill = Math.max(0, size - start.length() - 2);
        byte[] bytes = new byte[start.length() + fill + 2];
        byte[] startBytes = start.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(startBytes, 0, bytes, 0, startBytes.length);
        java.util.Arrays.fill(bytes, startBytes.length, startBytes.length + fill, (byte) 'a');
        bytes[bytes.length - 2] = '"';
        bytes[bytes.length - 1] = '}';
        return request(kind, path, bytes);
    }

    private byte[] defaultBody() {
        if (operation.body() == null) {
            return null;
        }
        if (operation.body().multipart()) {
            return multipart("e2e-fuzz-boundary", "file", "a.csv", "姓名\n".getBytes(StandardCharsets.UTF_8));
        }
        return Json.write(samples.body(operation)).getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> ifMatch() {
        return operation.parameters().stream().anyMatch(p -> p.name().equalsIgnoreCase("If-Match"))
                ? Map.of("If-Match", "\"0\"") : Map.of();
    }

    private Map<String, String> missingIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        operation.in("path").forEach(p -> ids.put(p.name(), MISSING));
        return ids;
    }

    private Map<String, String> requiredQuery() {
        Map<String, String> query = new LinkedHashMap<>(NARROWED.getOrDefault(operation.key(), Map.of()));
        operation.in("query").stream().filter(Param::required).forEach(p -> query.put(p.name(),
                String.valueOf(samples.of(p.schema(), p.name(), 0))));
        return query;
    }

    private String path(Map<String, String> ids, Map<String, String> query) {
        return operation.url(ids, query);
    }

    private <T> List<T> pick(List<T> from, int count) {
        List<T> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(count, copy.size()));
    }

    private static String type(Map<String, Object> schema) {
        if (schema.get("enum") instanceof List<?>) {
            return "enum";
        }
        if ("date".equals(schema.get("format")) || "date-time".equals(schema.get("format"))) {
            return (String) schema.get("format");
        }
        Object type = schema.get("type");
        return type instanceof String name && WRONG_TYPES.containsKey(name) ? name
                : schema.containsKey("properties") ? "object" : "string";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        ((Map<String, Object>) schema.getOrDefault("properties", Map.of())).forEach((name, property) -> {
            if (!name.equals("caller")) {
                properties.put(name, operation.schemas().resolve((Map<String, Object>) property));
            }
        });
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(Map<String, Object> schema) {
        return ((List<String>) schema.getOrDefault("required", List.of())).stream().filter(n -> !n.equals("caller"))
                .toList();
    }

    private List<String> stringProperties(Map<String, Object> schema) {
        return properties(schema).entrySet().stream().filter(e -> type(e.getValue()).equals("string"))
                .map(Map.Entry::getKey).toList();
    }

    private String firstName(Map<String, Object> schema, String fallback) {
        return properties(schema).keySet().stream().findFirst().orElse(fallback == null ? "padding" : fallback);
    }

    private String firstArray(Map<String, Object> schema, String fallback) {
        return properties(schema).entrySet().stream().filter(e -> type(e.getValue()).equals("array"))
                .map(Map.Entry::getKey).findFirst().orElse(fallback);
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        merged.putAll(changes);
        return merged;
    }

    private static String duplicateMember(Map<String, Object> valid) {
        String json = Json.write(valid);
        if (valid.isEmpty()) {
            return "{\"a\":1,\"a\":2}";
        }
        String first = valid.keySet().iterator().next();
        return json.substring(0, json.length() - 1) + ",\"" + first + "\":{\"$gt\":\"\"}}";
    }

    private static byte[] invalidUtf8(Map<String, Object> valid) {
        byte[] json = Json.write(merge(valid, Map.of("e2e", "@@"))).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < json.length - 1; i++) {
            if (json[i] == '@' && json[i + 1] == '@') {
                json[i] = (byte) 0xC3;
                json[i + 1] = (byte) 0x28;
                break;
            }
        }
        return json;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
