package city.party.activity.compliance.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import city.party.activity.compliance.domain.ComplianceCalculator.KindResult;
import city.party.activity.compliance.domain.ComplianceCalculator.Subject;
import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComplianceCalculatorTest {

    static final List<ComplianceRule> RULES = List.of(
            new ComplianceRule("branch-committee-meeting", Set.of("BRANCH"), Frequency.MONTHLY, 1, "§19"),
            new ComplianceRule("branch-general-meeting", Set.of("BRANCH"), Frequency.QUARTERLY, 1, "§19"),
            new ComplianceRule("organizational-life-meeting", Set.of("BRANCH"), Frequency.YEARLY, 1, "§21"),
            new ComplianceRule("group-meeting", Set.of("GROUP"), Frequency.MONTHLY, 1, "§19"));
    static final ComplianceCalculator CALCULATOR = new ComplianceCalculator(RULES, java.time.Period.ofMonths(1));
    static final Subject OLD_BRANCH = new Subject("b1", "BRANCH", LocalDate.of(2020, 1, 1), null);

    static Map<String, int[]> held(String kind, int... months) {
        int[] counts = new int[13];
        for (int m : months) {
            counts[m]++;
        }
        Map<String, int[]> held = new HashMap<>();
        held.put(kind, counts);
        return held;
    }

    static KindResult kind(List<KindResult> results, String kind) {
        return results.stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void periodsParseAndNormalise() {
        assertThat(Period.parse("2026-11").id()).isEqualTo("2026-11");
        assertThat(Period.parse("2026-q4").id()).isEqualTo("2026-Q4");
        assertThat(Period.parse("2026-Q4").start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(Period.parse("2026-Q4").end()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(Period.parse("2026-H1").dueOn()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(Period.parse("2026").months()).hasSize(12);
        assertThat(Period.parse("2026-02").dueOn()).isEqualTo(LocalDate.of(2026, 2, 28));
        for (String bad : List.of("2026-13", "2026-00", "2026-Q5", "26-11", "", "2026-11-01", "1999")) {
            assertThatThrownBy(() -> Period.parse(bad)).as(bad).isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void monthlyRuleInTheCurrentMonthIsDueUntilTheLastDayAndOverdueTheDayAfter() {
        Period november = Period.parse("2026-11");
        Map<String, int[]> none = Map.of();
        assertThat(kind(CALCULATOR.evaluate(OLD_BRANCH, november, none, LocalDate.of(2026, 11, 30)),
                "branch-committee-meeting").status()).isEqualTo(ComplianceStatus.DUE);
        KindResult after = kind(CALCULATOR.evaluate(OLD_BRANCH, november, none, LocalDate.of(2026, 12, 1)),
                "branch-committee-meeting");
        assertThat(after.status()).isEqualTo(ComplianceStatus.OVERDUE);
        assertThat(after.dueOn()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(kind(CALCULATOR.evaluate(OLD_BRANCH, november, held("branch-committee-meeting", 11),
                LocalDate.of(2026, 12, 1)), "branch-committee-meeting").status()).isEqualTo(ComplianceStatus.MET);
    }

    @Test
    void aMonthQueryShowsTheQuarterAndYearWindowsContainingIt() {
        List<KindResult> results = CALCULATOR.evaluate(OLD_BRANCH, Period.parse("2026-11"),
                held("branch-general-meeting", 10), LocalDate.of(2026, 11, 26));
        KindResult general = kind(results, "branch-general-meeting");
        assertThat(general.windows()).extracting(ComplianceCalculator.WindowResult::window).containsExactly("2026-Q4");
        assertThat(general.status()).isEqualTo(ComplianceStatus.MET);
        KindResult life = kind(results, "organizational-life-meeting");
        assertThat(life.windows()).extracting(ComplianceCalculator.WindowResult::window).containsExactly("2026");
        assertThat(life.status()).isEqualTo(ComplianceStatus.DUE);
        assertThat(life.dueOn()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(results).extracting(KindResult::kind).doesNotContain("group-meeting");
    }

    @Test
    void aYearQueryCountsEveryMonthlyWindowAndAnyMissedMonthIsOverdue() {
        Map<String, int[]> held = held("branch-committee-meeting", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10);
        KindResult committee = kind(CALCULATOR.evaluate(OLD_BRANCH, Period.parse("2026"), held,
                LocalDate.of(2026, 11, 26)), "branch-committee-meeting");
        assertThat(committee.required()).isEqualTo(12);
        assertThat(committee.held()).isEqualTo(11);
        assertThat(committee.status()).as("November still open, none missed").isEqualTo(ComplianceStatus.DUE);
        held = held("branch-committee-meeting", 1, 2, 3, 4, 5, 7, 8, 9, 10, 10);
        committee = kind(CALCULATOR.evaluate(OLD_BRANCH, Period.parse("2026"), held, LocalDate.of(2026, 11, 26)),
                "branch-committee-meeting");
        assertThat(committee.status()).as("June missed; two in October do not make up for it")
                .isEqualTo(ComplianceStatus.OVERDUE);
        assertThat(committee.dueOn()).isEqualTo(LocalDate.of(2026, 6, 30));
    }

    @Test
    void anOrganisationCreatedMidPeriodOwesNothingForWindowsBeforeItExisted() {
        Subject founded = new Subject("b2", "BRANCH", LocalDate.of(2026, 11, 20), null);
        List<KindResult> results = CALCULATOR.evaluate(founded, Period.parse("2026"), Map.of(),
                LocalDate.of(2027, 1, 5));
        KindResult committee = kind(results, "branch-committee-meeting");
        assertThat(committee.windows()).filteredOn(w -> w.status() == ComplianceStatus.NOT_REQUIRED).hasSize(11);
        assertThat(committee.required()).as("only December: founded 20 Nov + 1 month grace").isEqualTo(1);
        assertThat(committee.status()).isEqualTo(ComplianceStatus.OVERDUE);
        assertThat(committee.dueOn()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(kind(results, "branch-general-meeting").status()).as("Q4: founded 20 Nov + 1 month ≤ 1 Jan")
                .isEqualTo(ComplianceStatus.OVERDUE);
        Subject earlier = new Subject("b3", "BRANCH", LocalDate.of(2026, 10, 31), null);
        assertThat(kind(CALCULATOR.evaluate(earlier, Period.parse("2026-11"), Map.of(), LocalDate.of(2026, 12, 1)),
                "branch-committee-meeting").status()).isEqualTo(ComplianceStatus.OVERDUE);
    }

    @Test
    void aDissolvedOrganisationOwesNothingForWindowsItDidNotSeeOut() {
        Subject dissolved = new Subject("b4", "BRANCH", LocalDate.of(2020, 1, 1), LocalDate.of(2026, 11, 10));
        assertThat(kind(CALCULATOR.evaluate(dissolved, Period.parse("2026-11"), Map.of(), LocalDate.of(2026, 12, 2)),
                "branch-committee-meeting").status()).isEqualTo(ComplianceStatus.NOT_REQUIRED);
        assertThat(kind(CALCULATOR.evaluate(dissolved, Period.parse("2026-10"), Map.of(), LocalDate.of(2026, 12, 2)),
                "branch-committee-meeting").status()).isEqualTo(ComplianceStatus.OVERDUE);
    }

    @Test
    void theCityZoneDecidesTheMonthOfAnActivity() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        // 30 Nov 17:30 UTC is 1 Dec 01:30 in Shanghai: a December activity.
        LocalDate day = ZonedDateTime.parse("2026-11-30T17:30:00Z").withZoneSameInstant(shanghai).toLocalDate();
        assertThat(Period.containing(day, Frequency.MONTHLY).id()).isEqualTo("2026-12");
        LocalDate late = ZonedDateTime.parse("2026-12-31T15:59:59Z").withZoneSameInstant(shanghai).toLocalDate();
        assertThat(Period.containing(late, Frequency.YEARLY).id()).isEqualTo("2026");
        LocalDate newYear = ZonedDateTime.parse("2026-12-31T16:00:00Z").withZoneSameInstant(shanghai).toLocalDate();
        assertThat(Period.containing(newYear, Frequency.QUARTERLY).id()).isEqualTo("2027-Q1");
    }

    @Test
    void aQuarterQueryOnAMonthlyRuleHasThreeWindows() {
        assertThat(Period.parse("2026-Q4").windowsOf(Frequency.MONTHLY)).extracting(Period::id)
                .containsExactly("2026-10", "2026-11", "2026-12");
        assertThat(Period.parse("2026-H2").windowsOf(Frequency.QUARTERLY)).extracting(Period::id)
                .containsExactly("2026-Q3", "2026-Q4");
        assertThat(Period.parse("2026-11").windowsOf(Frequency.HALF_YEARLY)).extracting(Period::id)
                .containsExactly("2026-H2");
    }
}
