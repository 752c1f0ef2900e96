package city.party.activity.readmodel.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import city.party.activity.readmodel.domain.MemberRecord;
import city.party.platform.events.EventJson;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer side of member-service's contract: sample events valid under member-service's published
 * schemas (read from the sibling module's sources — no dependency on its classes) are understood
 * by this service's own event records, and every field the read model relies on is one the
 * producer must send.
 */
class MemberServiceContractTest {

    static final Path SCHEMAS = Path.of("..", "member-service", "src", "main", "resources", "events");
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> { });

    static Map<String, Object> samples() {
        Map<String, Object> samples = new LinkedHashMap<>();
        samples.put("party.organization.created.v1", Map.of("organizationId", "branch-a1", "name", "第一支部", "type",
                "BRANCH", "parentId", "unit-a", "path", "/city/unit-a/branch-a1"));
        samples.put("party.organization.renamed.v1", Map.of("organizationId", "branch-a1", "oldName", "第一支部",
                "newName", "机关第一党支部", "by", "committee"));
        samples.put("party.organization.moved.v1", Map.of("organizationId", "branch-a1", "oldParentId", "unit-a",
                "newParentId", "unit-b", "oldPath", "/city/unit-a/branch-a1", "newPath", "/city/unit-b/branch-a1",
                "by", "committee"));
        samples.put("party.organization.dissolved.v1", Map.of("organizationId", "branch-a1", "path",
                "/city/unit-a/branch-a1", "by", "committee"));
        samples.put("party.member.registered.v1", Map.of("memberId", "m1", "name", "王芳", "organizationId",
                "branch-a1", "stage", "FULL", "status", "ACTIVE", "joinedPartyOn", "2010-07-01", "fullMemberOn",
                "2011-07-01", "username", "wang-fang"));
        samples.put("party.member.stage-changed.v1", Map.of("memberId", "m1", "organizationId", "branch-a1", "from",
                "CANDIDATE", "to", "PROBATIONARY", "effectiveOn", "2026-03-01"));
        samples.put("party.member.status-changed.v1", Map.of("memberId", "m1", "organizationId", "branch-a1", "from",
                "ACTIVE", "to", "DECEASED", "effectiveOn", "2026-10-01"));
        samples.put("party.member.transferred.v1", Map.of("memberId", "m1", "transferId", "t1", "fromOrganizationId",
                "branch-a1", "toOrganizationId", "branch-b1", "effectiveOn", "2026-11-10"));
        return samples;
    }

    static List<String> required(Schema schema) {
        List<String> required = new java.util.ArrayList<>();
        schema.getSchemaNode().get("required").forEach(node -> required.add(node.asText()));
        return required;
    }

    static Schema schema(String type) throws Exception {
        return REGISTRY.getSchema(Files.readString(SCHEMAS.resolve(type + ".schema.json")), InputFormat.JSON);
    }

    @Test
    void samplesConformToMemberServiceSchemasAndParseIntoOurRecords() throws Exception {
        for (Map.Entry<String, Object> sample : samples().entrySet()) {
            String json = EventJson.write(sample.getValue());
            assertThat(schema(sample.getKey()).validate(json, InputFormat.JSON)).as(sample.getKey()).isEmpty();
        }
        MemberServiceEvents.MemberRegistered registered = EventJson.read(
                EventJson.write(samples().get("party.member.registered.v1")).getBytes(),
                MemberServiceEvents.MemberRegistered.class);
        MemberServiceEvents.Transferred transferred = EventJson.read(
                EventJson.write(samples().get("party.member.transferred.v1")).getBytes(),
                MemberServiceEvents.Transferred.class);
        MemberRecord member = new MemberRecord(registered.memberId());
        member.registered(registered.name(), registered.organizationId(), registered.stage(), registered.status(),
                registered.joinedPartyOn(), registered.fullMemberOn(), registered.username(), LocalDate.of(2026, 1, 1));
        member.transferred(transferred.transferId(), transferred.fromOrganizationId(),
                transferred.toOrganizationId(), transferred.effectiveOn());
        assertThat(member.organizationAt(LocalDate.of(2026, 11, 9))).isEqualTo("branch-a1");
        assertThat(member.organizationAt(LocalDate.of(2026, 11, 10))).isEqualTo("branch-b1");
    }

    @Test
    void everyFieldTheReadModelNeedsIsRequiredByTheProducer() throws Exception {
        assertThat(required(schema("party.organization.created.v1"))).contains("organizationId", "type", "path");
        assertThat(required(schema("party.organization.moved.v1"))).contains("organizationId", "oldPath", "newPath");
        assertThat(required(schema("party.member.registered.v1"))).contains("memberId", "organizationId", "stage",
                "status");
        assertThat(required(schema("party.member.stage-changed.v1"))).contains("memberId", "to", "effectiveOn");
        assertThat(required(schema("party.member.status-changed.v1"))).contains("memberId", "to", "effectiveOn");
        assertThat(required(schema("party.member.transferred.v1"))).contains("memberId", "transferId",
                "toOrganizationId", "effectiveOn");
    }
}
