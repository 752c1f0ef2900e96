package city.party.platform.events;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for event bodies. Aggregates serialise their event payloads when the event
 * is raised (not when it is published) so that what is stored in the outbox is byte for byte what
 * consumers will read, independent of later code changes.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().findAndAddModules()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private EventJson() {
    }

    public static String write(Object payload) {
        return MAPPER.writeValueAsString(payload);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
