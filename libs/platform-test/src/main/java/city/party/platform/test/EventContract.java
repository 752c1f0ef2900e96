package city.party.platform.test;

import java.io.InputStream;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks event bodies against the JSON Schemas that are a service's public contract
 * ({@code events/<ce_type>.schema.json} on the class path). Producers run it on what their
 * aggregates raise; consumers on the sample events they parse.
 */
public final class EventContract {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> { });

    private EventContract() {
    }

    /** The schema for an event type, from {@code events/<type>.schema.json}. */
    public static Schema schema(String type) {
        InputStream in = EventContract.class.getClassLoader().getResourceAsStream("events/" + type + ".schema.json");
        if (in == null) {
            throw new AssertionError("no JSON Schema for event type " + type + " (events/" + type + ".schema.json)");
        }
        return SCHEMAS.getSchema(in, InputFormat.JSON);
    }

    /** Fails with every violation listed unless {@code json} conforms to the schema of {@code type}. */
    public static void assertConforms(String type, String json) {
        List<Error> errors = schema(type).validate(json, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError("event " + type + " does not match its schema: " + errors + "\n" + json);
        }
    }
}
