package city.party.e2e.abuse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import city.party.e2e.Platform;

/**
 * Every public operation of the platform, read from the OpenAPI documents the gateway serves
 * (the list of documents comes from the gateway's own API-reference configuration), so a new
 * endpoint is covered by the abuse tests the day it is written.
 */
final class ApiCatalog {

    /** One parameter of an operation (path, query or header). */
    record Param(String name, String in, boolean required, Map<String, Object> schema) {
    }

    /** The request body of an operation: its media type and (resolved) schema. */
    record Body(String mediaType, Map<String, Object> schema, boolean required) {

        boolean json() {
            return mediaType.contains("json");
        }

        boolean multipart() {
            return mediaType.startsWith("multipart/");
        }
    }

    /** One method on one path template of one service. */
    record Operation(String service, String method, String path, List<Param> parameters, Body body,
            Schemas schemas) {

        List<Param> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        boolean writes() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        /** The path with its parameters filled in (values as they go on the wire) and a query string. */
        String url(Map<String, String> pathValues, Map<String, String> query) {
            String filled = path;
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                filled = filled.replace("{" + value.getKey() + "}", value.getValue());
            }
            StringBuilder text = new StringBuilder(filled);
            char separator = '?';
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                text.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
                separator = '&';
            }
            return text.toString();
        }

        /** {@code GET /api/members/{id}} — how violations and expectations name it. */
        String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Resolves {@code $ref}s against one document's components. */
    record Schemas(Map<String, Object> components) {

        @SuppressWarnings("unchecked")
        Map<String, Object> resolve(Map<String, Object> schema) {
            Map<String, Object> current = schema == null ? Map.of() : schema;
            for (int depth = 0; depth < 10 && current.get("$ref") instanceof String ref; depth++) {
                String name = ref.substring(ref.lastIndexOf('/') + 1);
                current = (Map<String, Object>) components.getOrDefault(name, Map.of());
            }
            // springdoc wraps single-ref properties in allOf when they carry a description
            if (current.get("allOf") instanceof List<?> all && all.size() == 1) {
                return resolve((Map<String, Object>) all.get(0));
            }
            return current;
        }
    }

    private ApiCatalog() {
    }

    /** The operations of every service under {@code /api}, in a stable order. */
    @SuppressWarnings("unchecked")
    static List<Operation> discover() {
        RawHttp.Answer config = get("/v3/api-docs/swagger-config");
        if (config.status() != 200) {
            throw new IllegalStateException("the gateway's API reference configuration: " + config.excerpt(300));
        }
        List<Map<String, Object>> urls = (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(config.body()))
                .get("urls");
        List<Operation> operations = new ArrayList<>();
        for (Map<String, Object> url : urls) {
            String service = (String) url.get("name");
            RawHttp.Answer response = get((String) url.get("url"));
            if (response.status() != 200) {
                throw new IllegalStateException("OpenAPI document of " + service + ": " + response.excerpt(300));
            }
            operations.addAll(operations(service, (Map<String, Object>) Json.parse(response.body())));
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("no operations found in the OpenAPI documents");
        }
        operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        return operations;
    }

    private static RawHttp.Answer get(String path) {
        return RawHttp.send("GET", Platform.GATEWAY + path, null, null, null, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(String service, Map<String, Object> document) {
        Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>) document
                .getOrDefault("components", Map.of())).getOrDefault("schemas", Map.of());
        Schemas schemas = new Schemas(components);
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, Object> method : ((Map<String, Object>) path.getValue()).entrySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                Map<String, Object> operation = (Map<String, Object>) method.getValue();
                List<Param> parameters = new ArrayList<>();
                for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.getOrDefault("parameters",
                        List.of())) {
                    Map<String, Object> schema = schemas.resolve((Map<String, Object>) parameter.get("schema"));
                    if ("query".equals(parameter.get("in")) && "object".equals(schema.get("type"))) {
                        // not a real query parameter (an argument the framework resolves); nothing to send
                        continue;
                    }
                    parameters.add(new Param((String) parameter.get("name"), (String) parameter.get("in"),
                            Boolean.TRUE.equals(parameter.get("required")), schema));
                }
                operations.add(new Operation(service, method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters), body(operation, schemas), schemas));
            }
        }
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Body body(Map<String, Object> operation, Schemas schemas) {
        Map<String, Object> requestBody = (Map<String, Object>) operation.get("requestBody");
        if (requestBody == null) {
            return null;
        }
        Map<String, Object> content = (Map<String, Object>) requestBody.getOrDefault("content", Map.of());
        if (content.isEmpty()) {
            return null;
        }
        Map.Entry<String, Object> first = content.entrySet().iterator().next();
        Map<String, Object> schema = schemas.resolve(
                (Map<String, Object>) ((Map<String, Object>) first.getValue()).get("schema"));
        return new Body(first.getKey(), new LinkedHashMap<>(schema), Boolean.TRUE.equals(requestBody.get("required")));
    }
}
