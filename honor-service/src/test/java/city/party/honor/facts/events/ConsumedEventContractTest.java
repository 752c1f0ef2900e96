package city.party.honor.facts.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import city.party.platform.events.EventJson;
import city.party.platform.test.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer side of the contracts: the producers' schemas (copied into src/test/resources/events
 * from member-service and activity-service, as honor-service relies on them) accept the events this
 * service is tested with, and honor-service reads from them every field it needs.
 */
class ConsumedEventContractTest {

    static <T> T conformsAndReads(String type, Map<String, Object> body, Class<T> view) {
        String json = EventJson.write(body);
        EventContract.assertConforms(type, json);
        return EventJson.read(json.getBytes(StandardCharsets.UTF_8), view);
    }

    @Test
    void organisationAndMemberEvents() {
        var created = conformsAndReads("party.organization.created.v1", Map.of("organizationId", "branch-a1", "name",
                "机关第一党支部", "type", "BRANCH", "parentId", "unit-a", "path", "/city/unit-a/branch-a1"),
                FactsListener.OrganizationCreated.class);
        assertThat(created.path()).isEqualTo("/city/unit-a/branch-a1");
        var moved = conformsAndReads("party.organization.moved.v1", Map.of("organizationId", "branch-a1",
                "oldParentId", "unit-a", "newParentId", "unit-b", "oldPath", "/city/unit-a/branch-a1", "newPath",
                "/city/unit-b/branch-a1"), FactsListener.OrganizationMoved.class);
        assertThat(moved.newPath()).isEqualTo("/city/unit-b/branch-a1");
        var registered = conformsAndReads("party.member.registered.v1", Map.of("memberId", "m-1", "name", "陈明",
                "organizationId", "branch-a1", "stage", "FULL", "status", "ACTIVE", "username", "member-a"),
                FactsListener.MemberRegistered.class);
        assertThat(registered.username()).isEqualTo("member-a");
        var status = conformsAndReads("party.member.status-changed.v1", Map.of("memberId", "m-1", "organizationId",
                "branch-a1", "from", "ACTIVE", "to", "LAPSED", "effectiveOn", "2026-03-01"),
                FactsListener.MemberChanged.class);
        assertThat(status.effectiveOn()).hasToString("2026-03-01");
        var transferred = conformsAndReads("party.member.transferred.v1", Map.of("memberId", "m-1", "transferId",
                "t-1", "fromOrganizationId", "branch-a1", "toOrganizationId", "branch-b1", "effectiveOn",
                "2026-04-01"), FactsListener.MemberTransferred.class);
        assertThat(transferred.toOrganizationId()).isEqualTo("branch-b1");
        var issued = conformsAndReads("party.member.transfer-issued.v1", Map.of("memberId", "m-1", "transferId",
                "t-1", "fromOrganizationId", "branch-a1", "toOrganizationId", "branch-b1", "validUntil",
                "2026-05-01"), FactsListener.TransferIssued.class);
        assertThat(issued.memberId()).isEqualTo("m-1");
        var closed = conformsAndReads("party.member.transfer-closed.v1", Map.of("memberId", "m-1", "transferId",
                "t-1", "outcome", "REFUSED"), FactsListener.TransferClosed.class);
        assertThat(closed.outcome()).isEqualTo("REFUSED");
    }

    @Test
    void activityEventsAsAgreedWithActivityService() {
        var held = conformsAndReads("party.activity.held.v1", Map.of("activityId", "a-1", "kind",
                "organizational-life-meeting", "organizationIds", java.util.List.of("branch-a1"), "heldAt",
                "2026-01-15T02:00:00Z", "topic", "组织生活会"), FactsListener.ActivityHeld.class);
        assertThat(held.heldAt()).isNotNull();
        var attendance = conformsAndReads("party.activity.attendance-recorded.v1", Map.of("activityId", "a-1",
                "kind", "organizational-life-meeting", "organizationId", "branch-a1", "memberId", "m-1",
                "attendance", "MADE_UP", "heldAt", "2026-01-15T02:00:00Z"), FactsListener.AttendanceRecorded.class);
        assertThat(FactsListener.ATTENDANCES).contains(attendance.attendance());
        var appraisal = conformsAndReads("party.activity.appraisal-recorded.v1", Map.of("activityId", "a-2",
                "organizationId", "branch-a1", "memberId", "m-1", "year", 2025, "grade", "UNQUALIFIED"),
                FactsListener.AppraisalRecorded.class);
        assertThat(appraisal.year()).isEqualTo(2025);
        assertThat(FactsListener.GRADES).contains(appraisal.grade());
    }
}
