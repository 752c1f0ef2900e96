package city.party.member.lapse.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import city.party.member.dues.domain.IncomeCategory;
import city.party.member.member.domain.ConfiguredRules;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.member.domain.MemberStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LapseRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final LapseRules RULES = new LapseRules(3, 6, "《中国共产党章程》第九条");

    private static Member fullMember(YearMonth assessedSince, YearMonth... paid) {
        Member member = Member.register(new MemberRegistration("张三", null, null, null, null, "11010519491231002X",
                null, "branch-a1", LifecycleStage.FULL, null, null, null, LocalDate.of(2000, 7, 1),
                LocalDate.of(2001, 7, 1), null, null, null, null, null), ConfiguredRules.RULES, "a", CLOCK);
        member.assessDues(IncomeCategory.EMPLOYED, 450_000, assessedSince, "a", CLOCK);
        for (YearMonth month : paid) {
            member.recordDuesPayment(month, 4500, LocalDate.of(2026, 11, 20), 12, "s", "a", CLOCK);
        }
        return member;
    }

    @Test
    void theMonthInProgressIsNotCountedAndTwoUnpaidMonthsAreNoWarning() {
        // paid up to August; September and October unpaid; November still in progress
        Member member = fullMember(YearMonth.of(2026, 6), YearMonth.of(2026, 6), YearMonth.of(2026, 7),
                YearMonth.of(2026, 8));
        assertThat(member.consecutiveUnpaidMonths(YearMonth.of(2026, 10))).isEqualTo(2);
        assertThat(RULES.assess(member, NOVEMBER)).isEmpty();
    }

    @Test
    void threeUnpaidMonthsInARowWarnWithTheFirstUnpaidMonth() {
        Member member = fullMember(YearMonth.of(2026, 6), YearMonth.of(2026, 6), YearMonth.of(2026, 7));
        var warning = RULES.assess(member, NOVEMBER).orElseThrow();
        assertThat(warning.consecutiveUnpaidMonths()).isEqualTo(3);
        assertThat(warning.firstUnpaidMonth()).isEqualTo("2026-08");
        assertThat(warning.level()).isEqualTo(LapseRules.Level.WARNING);
        assertThat(warning.source()).contains("第九条");
    }

    @Test
    void aPaidMonthBreaksTheRunAndOnlyMonthsSinceTheAssessmentCount() {
        // unpaid Jan–Jun, paid July, unpaid Aug–Oct: the run is 3, not 9
        Member member = fullMember(YearMonth.of(2026, 1), YearMonth.of(2026, 7));
        assertThat(member.consecutiveUnpaidMonths(YearMonth.of(2026, 10))).isEqualTo(3);
        // assessed only since September: at most 2 months can be unpaid
        assertThat(fullMember(YearMonth.of(2026, 9)).consecutiveUnpaidMonths(YearMonth.of(2026, 10))).isEqualTo(2);
    }

    @Test
    void sixUnpaidMonthsMakeTheLapseProcedureDue() {
        Member member = fullMember(YearMonth.of(2026, 1), YearMonth.of(2026, 1), YearMonth.of(2026, 2),
                YearMonth.of(2026, 3), YearMonth.of(2026, 4));
        var warning = RULES.assess(member, NOVEMBER).orElseThrow();
        assertThat(warning.consecutiveUnpaidMonths()).isEqualTo(6);
        assertThat(warning.level()).isEqualTo(LapseRules.Level.LAPSE_DUE);
    }

    @Test
    void membersWhoAreNoLongerActiveAreNotWarnedAbout() {
        Member member = fullMember(YearMonth.of(2026, 1));
        member.endMembership(MemberStatus.DECEASED, LocalDate.of(2026, 11, 1), "病故", "a", CLOCK);
        assertThat(RULES.assess(member, NOVEMBER)).isEmpty();
    }

    @Test
    void inconsistentThresholdsAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new LapseRules(6, 6, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LapseRules(0, 6, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
