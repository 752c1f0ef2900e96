package city.party.member.member.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import city.party.platform.test.EventContract;
import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static city.party.member.member.domain.ConfiguredRules.RULES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberTransferTest {

    private static final Clock ISSUE_DAY = Clock.fixed(Instant.parse("2026-08-01T02:00:00Z"), ZoneOffset.UTC);

    private static Member member() {
        return Member.register(new MemberRegistration("张三", null, null, null, null, "11010519491231002X", null,
                "branch-a1", LifecycleStage.FULL, null, null, null, LocalDate.of(2000, 7, 1), LocalDate.of(2001, 7, 1),
                null, null, null, null, null), RULES, "a", ISSUE_DAY);
    }

    private static Clock day(String isoDate) {
        return Clock.fixed(Instant.parse(isoDate + "T02:00:00Z"), ZoneOffset.UTC);
    }

    @Test
    void acceptedWithinTheLettersValidityTheMemberMoves() {
        Member member = member();
        Transfer transfer = member.issueTransfer("branch-b1", "工作调动", Period.ofMonths(3), "secretary-a", ISSUE_DAY);
        assertThat(member.getStatus()).isEqualTo(MemberStatus.TRANSFERRING);
        assertThat(transfer.validUntil()).isEqualTo(LocalDate.of(2026, 11, 1));
        member.acceptTransfer(transfer.id(), "secretary-b", "回执", "source", day("2026-11-01"));
        assertThat(member.getOrganizationId()).isEqualTo("branch-b1");
        assertThat(member.getStatus()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(member.getTransfers()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(Transfer.TransferStatus.ACCEPTED);
            assertThat(t.decidedBy()).isEqualTo("secretary-b");
        });
        member.getOutbox().forEach(e -> EventContract.assertConforms(e.type(), e.data()));
        assertThat(member.getOutbox()).extracting(e -> e.type()).containsExactly("party.member.registered.v1",
                "party.member.transfer-issued.v1", "party.member.transferred.v1");
    }

    @Test
    void anExpiredLetterIsRefusedWithTheRule() {
        Member member = member();
        Transfer transfer = member.issueTransfer("branch-b1", "工作调动", Period.ofMonths(3), "a", ISSUE_DAY);
        assertThatThrownBy(() -> member.acceptTransfer(transfer.id(), "b", null, "3 months rule", day("2026-11-02")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.properties())
                        .containsEntry("rule", "transfer.letter-validity").containsEntry("source", "3 months rule"));
        assertThat(member.getOrganizationId()).isEqualTo("branch-a1");
    }

    @Test
    void aRefusedOrCancelledTransferLeavesTheMemberWhereTheyWere() {
        Member member = member();
        Transfer first = member.issueTransfer("branch-b1", "x", Period.ofMonths(3), "a", ISSUE_DAY);
        member.closeTransfer(first.id(), true, "b", "不符合", ISSUE_DAY);
        assertThat(member.getStatus()).isEqualTo(MemberStatus.ACTIVE);
        Transfer second = member.issueTransfer("branch-c1", "y", Period.ofMonths(3), "a", ISSUE_DAY);
        member.closeTransfer(second.id(), false, "a", "撤回", ISSUE_DAY);
        assertThat(member.getTransfers()).extracting(Transfer::status)
                .containsExactly(Transfer.TransferStatus.REFUSED, Transfer.TransferStatus.CANCELLED);
        assertThatThrownBy(() -> member.acceptTransfer(second.id(), "b", null, "s", ISSUE_DAY))
                .isInstanceOf(ProblemException.class);
        member.getOutbox().forEach(e -> EventContract.assertConforms(e.type(), e.data()));
    }

    @Test
    void noTransferWhileOneIsPendingAndNoneToTheSameBranch() {
        Member member = member();
        assertThatThrownBy(() -> member.issueTransfer("branch-a1", "x", Period.ofMonths(3), "a", ISSUE_DAY))
                .isInstanceOf(ProblemException.class);
        member.issueTransfer("branch-b1", "x", Period.ofMonths(3), "a", ISSUE_DAY);
        assertThatThrownBy(() -> member.issueTransfer("branch-c1", "x", Period.ofMonths(3), "a", ISSUE_DAY))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void endingMembershipIsRecordedAndAnnounced() {
        Member member = member();
        member.endMembership(MemberStatus.DECEASED, LocalDate.of(2026, 7, 1), "因病去世", "a", ISSUE_DAY);
        assertThat(member.getStatus()).isEqualTo(MemberStatus.DECEASED);
        assertThat(member.getStatusSince()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThatThrownBy(() -> member.endMembership(MemberStatus.ACTIVE, LocalDate.of(2026, 7, 1), "x", "a",
                ISSUE_DAY)).isInstanceOf(ProblemException.class);
        member.getOutbox().forEach(e -> EventContract.assertConforms(e.type(), e.data()));
    }
}
