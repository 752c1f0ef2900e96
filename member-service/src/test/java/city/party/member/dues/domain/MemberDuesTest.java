package city.party.member.dues.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

import city.party.member.member.domain.LifecycleRules;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRegistration;
import city.party.platform.test.EventContract;
import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberDuesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private static final LifecycleRules RULES = city.party.member.member.domain.ConfiguredRules.RULES;

    private static Member member(LifecycleStage stage) {
        return Member.register(new MemberRegistration("张三", null, null, null, null, "11010519491231002X", null,
                "branch-a1", stage, stage == LifecycleStage.APPLICANT ? LocalDate.of(2026, 1, 1) : null, null, null,
                stage == LifecycleStage.FULL ? LocalDate.of(2000, 7, 1) : null,
                stage == LifecycleStage.FULL ? LocalDate.of(2001, 7, 1) : null, null, null, null, null, null),
                RULES, "a", CLOCK);
    }

    @Test
    void paymentsFollowTheScaleAndArrearsAreTheOpenMonths() {
        Member member = member(LifecycleStage.FULL);
        member.assessDues(IncomeCategory.EMPLOYED, 450_000, YearMonth.of(2026, 8), "a", CLOCK);
        assertThat(member.getDuesBase().monthlyDuesFen()).isEqualTo(4500);
        member.recordDuesPayment(YearMonth.of(2026, 8), 4500, LocalDate.of(2026, 9, 1), 6, "s", "a", CLOCK);
        member.recordDuesPayment(YearMonth.of(2026, 10), 5000, LocalDate.of(2026, 10, 5), 6, "s", "a", CLOCK);
        assertThat(member.duesArrears(YearMonth.of(2026, 11))).containsExactly("2026-09", "2026-11");
        member.getOutbox().stream().filter(e -> e.type().equals("party.member.dues-paid.v1"))
                .forEach(e -> {
                    EventContract.assertConforms(e.type(), e.data());
                    assertThat(e.data()).doesNotContain("4500").doesNotContain("450000");
                });
    }

    @Test
    void lessThanTheScaleTwiceTheSameMonthOrTooFarBackIsRefused() {
        Member member = member(LifecycleStage.FULL);
        member.assessDues(IncomeCategory.EMPLOYED, 450_000, YearMonth.of(2025, 1), "a", CLOCK);
        assertThatThrownBy(() -> member.recordDuesPayment(YearMonth.of(2026, 11), 4499, LocalDate.of(2026, 11, 20), 6,
                "s", "a", CLOCK)).isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.properties()).containsEntry("rule", "dues.amount-below-scale"));
        member.recordDuesPayment(YearMonth.of(2026, 11), 4500, LocalDate.of(2026, 11, 20), 6, "s", "a", CLOCK);
        assertThatThrownBy(() -> member.recordDuesPayment(YearMonth.of(2026, 11), 4500, LocalDate.of(2026, 11, 20), 6,
                "s", "a", CLOCK)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> member.recordDuesPayment(YearMonth.of(2026, 4), 4500, LocalDate.of(2026, 11, 20), 6,
                "back-payment source", "a", CLOCK)).isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.properties()).containsEntry("rule", "dues.back-payment-limit")
                                .containsEntry("source", "back-payment source"));
        member.recordDuesPayment(YearMonth.of(2026, 5), 4500, LocalDate.of(2026, 11, 20), 6, "s", "a", CLOCK);
    }

    @Test
    void applicantsPayNoDues() {
        Member applicant = member(LifecycleStage.APPLICANT);
        assertThatThrownBy(() -> applicant.assessDues(IncomeCategory.EMPLOYED, 100_000, YearMonth.of(2026, 1), "a",
                CLOCK)).isInstanceOf(ProblemException.class);
        assertThat(applicant.duesArrears(YearMonth.of(2026, 11))).isEmpty();
    }
}
