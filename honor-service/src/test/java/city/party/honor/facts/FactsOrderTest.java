package city.party.honor.facts;

import java.time.Instant;
import java.time.LocalDate;

import city.party.honor.facts.domain.MemberFact;
import city.party.honor.facts.domain.OrganizationFact;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Read models keep the newest fact whatever order (or how often) the events arrive. */
class FactsOrderTest {

    @Test
    void aLateOrReplayedMemberEventNeverTurnsANewerFactBack() {
        MemberFact m = MemberFact.of("m-1");
        m.statusChanged("branch-a1", "LAPSED", LocalDate.of(2026, 3, 1));
        m.registered("陈明", "branch-a1", "PROBATIONARY", "ACTIVE", "member-a");
        m.stageChanged("branch-a1", "FULL", LocalDate.of(2025, 7, 1));
        m.stageChanged("branch-a1", "PROBATIONARY", LocalDate.of(2024, 7, 1));
        m.statusChanged("branch-a1", "ACTIVE", LocalDate.of(2025, 1, 1));
        m.registered("陈明", "branch-a1", "PROBATIONARY", "ACTIVE", "member-a");
        assertThat(m.getStage()).isEqualTo("FULL");
        assertThat(m.getStatus()).isEqualTo("LAPSED");
        assertThat(m.getUsername()).isEqualTo("member-a");
        m.transferred("branch-b1", LocalDate.of(2026, 4, 1));
        m.transferred("branch-c1", LocalDate.of(2026, 2, 1));
        assertThat(m.getOrganizationId()).isEqualTo("branch-b1");
    }

    @Test
    void aMemberInTransferIsNotActiveUntilTheTransferIsDecided() {
        MemberFact m = MemberFact.of("m-2");
        m.registered("王芳", "branch-a1", "FULL", "ACTIVE", null);
        m.transferIssued(LocalDate.of(2026, 7, 1));
        assertThat(m.getStatus()).isEqualTo("TRANSFERRING");
        m.transferred("branch-b1", LocalDate.of(2026, 7, 1));
        assertThat(m.getStatus()).isEqualTo("ACTIVE");
        assertThat(m.getOrganizationId()).isEqualTo("branch-b1");
        m.transferIssued(LocalDate.of(2026, 8, 1));
        m.transferDecided(LocalDate.of(2026, 8, 3));
        assertThat(m.getStatus()).as("refused or withdrawn: stays, active again").isEqualTo("ACTIVE");
        m.statusChanged("branch-b1", "LAPSED", LocalDate.of(2026, 9, 1));
        m.transferDecided(LocalDate.of(2026, 9, 2));
        assertThat(m.getStatus()).as("a decision never revives a lapsed member").isEqualTo("LAPSED");
    }

    @Test
    void organisationsFollowRenamesAndMovesInTimeOrder() {
        OrganizationFact unitB = OrganizationFact.of("unit-b");
        unitB.created("市卫健委", "UNIT", "city", "/city/unit-b", null, Instant.parse("2026-01-01T00:00:00Z"));
        OrganizationFact branch = OrganizationFact.of("branch-1");
        branch.renamed("机关第一党支部", Instant.parse("2026-02-01T00:00:00Z"));
        branch.created("第一党支部", "BRANCH", "unit-b", "/city/unit-a/branch-1", unitB,
                Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(branch.getName()).isEqualTo("机关第一党支部");
        assertThat(branch.getPath()).as("the known parent's path wins").isEqualTo("/city/unit-b/branch-1");
        assertThat(branch.moved("unit-c", "/city/unit-c/branch-1", Instant.parse("2025-12-01T00:00:00Z"))).isFalse();
        assertThat(OrganizationFact.unitIdOf("/city/unit-a/branch-a1")).isEqualTo("unit-a");
        assertThat(OrganizationFact.unitPathOf("/city/unit-a/branch-a1")).isEqualTo("/city/unit-a");
        assertThat(OrganizationFact.unitIdOf("/city")).isNull();
    }
}
