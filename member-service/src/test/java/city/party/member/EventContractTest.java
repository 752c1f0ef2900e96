package city.party.member;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import city.party.member.member.domain.LifecycleRules;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationType;
import city.party.platform.events.PendingEvent;
import city.party.platform.test.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Producer side of the event contract: what the aggregates raise matches the published schemas. */
class EventContractTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);

    @Test
    void organisationEventsMatchTheirSchemas() {
        Organization root = Organization.root("市直机关工委", CLOCK);
        Organization unitA = Organization.create("unit-a", "市财政局", OrganizationType.UNIT, root, "c", CLOCK);
        Organization unitB = Organization.create("unit-b", "市卫健委", OrganizationType.UNIT, root, "c", CLOCK);
        Organization branch = Organization.create("branch-1", "第一党支部", OrganizationType.BRANCH, unitA, "c", CLOCK);
        branch.rename("机关第一党支部", "c", CLOCK);
        branch.assignAdministrator("secretary-1", "c", CLOCK);
        branch.removeAdministrator("secretary-1", "c", CLOCK);
        branch.moveTo(unitB, "c", CLOCK);
        branch.dissolve(0, 0, "c", CLOCK);
        List<PendingEvent> events = new ArrayList<>(root.getOutbox());
        events.addAll(branch.getOutbox());
        assertThat(events).extracting(PendingEvent::type).containsExactly("party.organization.created.v1",
                "party.organization.created.v1", "party.organization.renamed.v1",
                "party.organization.administrator-assigned.v1", "party.organization.administrator-removed.v1",
                "party.organization.moved.v1",
                "party.organization.dissolved.v1");
        events.forEach(event -> EventContract.assertConforms(event.type(), event.data()));
    }

    @Test
    void memberEventsMatchTheirSchemas() {
        LifecycleRules rules = city.party.member.member.domain.ConfiguredRules.RULES;
        Member member = Member.register(new MemberRegistration("李四", null, "汉族", null, null, "11010519491231002X",
                null, "branch-1", LifecycleStage.PROBATIONARY, null, null, null, LocalDate.of(2026, 3, 1), null, null,
                null, "13800000000", null, "li-si"), rules, "c", CLOCK);
        member.extendProbation(6, "observation", rules, "c", CLOCK);
        assertThat(member.recordAccountProvisioned("kc-user-1", CLOCK)).isTrue();
        assertThat(member.recordAccountProvisioned("kc-user-1", CLOCK)).as("reported again: nothing new").isFalse();
        member.getOutbox().forEach(event -> EventContract.assertConforms(event.type(), event.data()));
        assertThat(member.getOutbox()).extracting(PendingEvent::type).containsExactly("party.member.registered.v1",
                "party.member.probation-extended.v1", "party.member.account-provisioned.v1");
    }

    @Test
    void theSchemasAreStrictEnoughToCatchABrokenEvent() {
        assertThatThrownBy(() -> EventContract.assertConforms("party.member.registered.v1",
                "{\"name\":\"x\",\"organizationId\":\"b\",\"stage\":\"FULL\",\"status\":\"ACTIVE\"}"))
                .hasMessageContaining("memberId");
        assertThatThrownBy(() -> EventContract.assertConforms("party.member.registered.v1",
                new String(("{\"memberId\":\"m\",\"name\":\"x\",\"organizationId\":\"b\",\"stage\":\"FULL\","
                        + "\"status\":\"ACTIVE\",\"idNumber\":\"11010519491231002X\"}").getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8)))
                .as("sensitive data has no place in an event").isInstanceOf(AssertionError.class);
    }
}
