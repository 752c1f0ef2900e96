package city.party.activity.readmodel.domain;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemberRecordTest {

    static final LocalDate JOINED = LocalDate.of(2015, 7, 1);
    static final LocalDate REGISTERED = LocalDate.of(2026, 1, 10);

    MemberRecord fullMemberOfA() {
        MemberRecord m = new MemberRecord("m1");
        m.registered("王芳", "branch-a1", "FULL", "ACTIVE", JOINED, JOINED.plusYears(1), "wang-fang", REGISTERED);
        return m;
    }

    @Test
    void aRegisteredMemberBelongsToTheirOrganisationSinceJoiningTheParty() {
        MemberRecord m = fullMemberOfA();
        assertThat(m.organizationAt(LocalDate.of(2020, 1, 1))).isEqualTo("branch-a1");
        assertThat(m.partyMemberOn(JOINED)).isTrue();
        assertThat(m.votingOn(JOINED)).isFalse();
        assertThat(m.votingOn(JOINED.plusYears(1))).isTrue();
        assertThat(m.organizationAt(JOINED.minusDays(1))).isNull();
    }

    @Test
    void aTransferMovesFutureExpectationsAndKeepsHistory() {
        MemberRecord m = fullMemberOfA();
        LocalDate moved = LocalDate.of(2026, 11, 15);
        assertThat(m.transferred("t1", "branch-a1", "branch-b1", moved)).isTrue();
        assertThat(m.getOrganizationId()).isEqualTo("branch-b1");
        assertThat(m.organizationAt(moved.minusDays(1))).isEqualTo("branch-a1");
        assertThat(m.organizationAt(moved)).isEqualTo("branch-b1");
        assertThat(m.belongedTo(List.of("branch-a1"), LocalDate.of(2026, 11, 1))).isTrue();
        assertThat(m.belongedTo(List.of("branch-a1"), LocalDate.of(2026, 11, 20))).isFalse();
    }

    @Test
    void aRedeliveredTransferChangesNothing() {
        MemberRecord m = fullMemberOfA();
        m.transferred("t1", "branch-a1", "branch-b1", LocalDate.of(2026, 11, 15));
        List<Membership> before = m.getMemberships();
        assertThat(m.transferred("t1", "branch-a1", "branch-b1", LocalDate.of(2026, 11, 15))).isFalse();
        assertThat(m.getMemberships()).isEqualTo(before);
    }

    @Test
    void transfersArrivingOutOfOrderGiveTheSameHistory() {
        MemberRecord inOrder = fullMemberOfA();
        inOrder.transferred("t1", "branch-a1", "branch-b1", LocalDate.of(2026, 3, 1));
        inOrder.transferred("t2", "branch-b1", "branch-c1", LocalDate.of(2026, 9, 1));
        MemberRecord reversed = fullMemberOfA();
        reversed.transferred("t2", "branch-b1", "branch-c1", LocalDate.of(2026, 9, 1));
        reversed.transferred("t1", "branch-a1", "branch-b1", LocalDate.of(2026, 3, 1));
        for (LocalDate day : List.of(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 8, 31),
                LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 1))) {
            assertThat(reversed.organizationAt(day)).as(day.toString()).isEqualTo(inOrder.organizationAt(day));
        }
        assertThat(reversed.getOrganizationId()).isEqualTo("branch-c1");
    }

    @Test
    void anOlderStageChangeDoesNotOverrideANewerOne() {
        MemberRecord m = new MemberRecord("m2");
        m.registered("李四", "branch-a1", "CANDIDATE", "ACTIVE", null, null, null, REGISTERED);
        m.stageChanged("branch-a1", "FULL", LocalDate.of(2027, 3, 1));
        m.stageChanged("branch-a1", "PROBATIONARY", LocalDate.of(2026, 3, 1));
        assertThat(m.getStage()).isEqualTo("FULL");
        assertThat(m.getPartyMemberSince()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(m.votingOn(LocalDate.of(2026, 12, 1))).isFalse();
        assertThat(m.votingOn(LocalDate.of(2027, 3, 1))).isTrue();
    }

    @Test
    void anApplicantIsNotExpectedAtOrganisationLife() {
        MemberRecord m = new MemberRecord("m3");
        m.registered("赵六", "branch-a1", "APPLICANT", "ACTIVE", null, null, null, REGISTERED);
        assertThat(m.partyMemberOn(LocalDate.of(2026, 11, 1))).isFalse();
    }

    @Test
    void leavingEndsTheMembershipOnTheEffectiveDay() {
        MemberRecord m = fullMemberOfA();
        m.statusChanged("branch-a1", "DECEASED", LocalDate.of(2026, 10, 1));
        assertThat(m.organizationAt(LocalDate.of(2026, 9, 30))).isEqualTo("branch-a1");
        assertThat(m.organizationAt(LocalDate.of(2026, 10, 1))).isNull();
        assertThat(m.statusChanged("branch-a1", "ACTIVE", LocalDate.of(2026, 9, 1))).as("older").isFalse();
    }

    @Test
    void aRegistrationArrivingAfterALaterFactFillsTheTimeBefore() {
        MemberRecord m = new MemberRecord("m4");
        m.transferred("t9", "branch-a1", "branch-b1", LocalDate.of(2026, 6, 1));
        m.registered("钱七", "branch-a1", "FULL", "ACTIVE", JOINED, JOINED.plusYears(1), null, REGISTERED);
        assertThat(m.organizationAt(LocalDate.of(2026, 5, 1))).isEqualTo("branch-a1");
        assertThat(m.organizationAt(LocalDate.of(2026, 7, 1))).isEqualTo("branch-b1");
        assertThat(m.getName()).isEqualTo("钱七");
    }
}
