package city.party.donation.directory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import city.party.platform.events.EventJson;
import city.party.platform.test.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer side of the contracts: member-service's schemas (copied into src/test/resources/events,
 * as donation-service relies on them) accept the events this service is tested with, and the
 * directory reads from them every field it needs.
 */
class ConsumedEventContractTest {

    static <T> T conformsAndReads(String type, Map<String, Object> body, Class<T> view) {
        String json = EventJson.write(body);
        EventContract.assertConforms(type, json);
        return EventJson.read(json.getBytes(StandardCharsets.UTF_8), view);
    }

    @Test
    void organisationEvents() {
        var created = conformsAndReads("party.organization.created.v1", Map.of("organizationId", "unit-a", "name",
                "市财政局", "type", "UNIT", "parentId", "city", "path", "/city/unit-a"), DirectoryListener.Created.class);
        assertThat(created.type()).isEqualTo(OrganizationRecord.UNIT);
        assertThat(created.path()).isEqualTo("/city/unit-a");
        var renamed = conformsAndReads("party.organization.renamed.v1", Map.of("organizationId", "unit-a", "oldName",
                "市财政局", "newName", "市财政局（新）"), DirectoryListener.Renamed.class);
        assertThat(renamed.newName()).isEqualTo("市财政局（新）");
        var moved = conformsAndReads("party.organization.moved.v1", Map.of("organizationId", "branch-a1",
                "oldParentId", "unit-a", "newParentId", "unit-b", "oldPath", "/city/unit-a/branch-a1", "newPath",
                "/city/unit-b/branch-a1"), DirectoryListener.Moved.class);
        assertThat(moved.oldPath()).isEqualTo("/city/unit-a/branch-a1");
        assertThat(moved.newPath()).isEqualTo("/city/unit-b/branch-a1");
        var dissolved = conformsAndReads("party.organization.dissolved.v1", Map.of("organizationId", "branch-a1",
                "path", "/city/unit-b/branch-a1"), DirectoryListener.Dissolved.class);
        assertThat(dissolved.organizationId()).isEqualTo("branch-a1");
    }

    @Test
    void memberEvents() {
        var registered = conformsAndReads("party.member.registered.v1", Map.of("memberId", "m-1", "name", "陈明",
                "organizationId", "branch-a1", "stage", "FULL", "status", "ACTIVE", "username", "member-a"),
                DirectoryListener.Registered.class);
        assertThat(registered.username()).isEqualTo("member-a");
        assertThat(MemberRecord.PARTY_MEMBER_STAGES).contains(registered.stage());
        var stage = conformsAndReads("party.member.stage-changed.v1", Map.of("memberId", "m-1", "organizationId",
                "branch-a1", "from", "PROBATIONARY", "to", "FULL", "effectiveOn", "2026-03-01"),
                DirectoryListener.StageChanged.class);
        assertThat(stage.to()).isEqualTo("FULL");
        var status = conformsAndReads("party.member.status-changed.v1", Map.of("memberId", "m-1", "organizationId",
                "branch-a1", "from", "ACTIVE", "to", "TRANSFERRING", "effectiveOn", "2026-03-01"),
                DirectoryListener.StatusChanged.class);
        assertThat(MemberRecord.BELONGING).contains(status.to());
        var transferred = conformsAndReads("party.member.transferred.v1", Map.of("memberId", "m-1", "transferId",
                "t-1", "fromOrganizationId", "branch-a1", "toOrganizationId", "branch-b1", "effectiveOn",
                "2026-04-01"), DirectoryListener.Transferred.class);
        assertThat(transferred.toOrganizationId()).isEqualTo("branch-b1");
    }

    @Test
    void aMembersUnitIsTheNearestUnitOnThePath() {
        Map<String, OrganizationRecord> orgs = Map.of(
                "city", new OrganizationRecord("city", "工委", "WORK_COMMITTEE", null, "/city", false, null),
                "unit-a", new OrganizationRecord("unit-a", "市财政局", "UNIT", "city", "/city/unit-a", false, null),
                "committee-a", new OrganizationRecord("committee-a", "机关党委", "COMMITTEE", "unit-a",
                        "/city/unit-a/committee-a", false, null));
        assertThat(Directory.nearestUnit(Directory.segments("/city/unit-a/committee-a/branch-a2"), orgs).id())
                .isEqualTo("unit-a");
        assertThat(Directory.nearestUnit(Directory.segments("/city"), orgs)).isNull();
        assertThat(Directory.within("/city/unit-a/x", "/city/unit-a")).isTrue();
        assertThat(Directory.within("/city/unit-ab", "/city/unit-a")).isFalse();
    }
}
