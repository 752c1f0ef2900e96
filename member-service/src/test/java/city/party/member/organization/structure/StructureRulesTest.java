package city.party.member.organization.structure;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import city.party.member.organization.domain.CommitteeTerm;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StructureRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final StructureRules RULES = new StructureRules(Map.of(
            StructureRules.BRANCH_MIN_FULL, new StructureRules.Rule(3, "min source"),
            StructureRules.BRANCH_MAX, new StructureRules.Rule(50, "max source"),
            StructureRules.BRANCH_COMMITTEE, new StructureRules.Rule(7, "committee source"),
            StructureRules.REELECTION_NOTICE_MONTHS, new StructureRules.Rule(3, "term source")));

    private final Organization root = Organization.root("工委", CLOCK);
    private final Organization unit = Organization.create("unit-a", "市财政局", OrganizationType.UNIT, root, "c", CLOCK);

    private Organization branch() {
        return Organization.create("branch-a1", "第一支部", OrganizationType.BRANCH, unit, "c", CLOCK);
    }

    private static List<String> rules(List<StructureRules.Warning> warnings) {
        return warnings.stream().map(StructureRules.Warning::rule).toList();
    }

    @Test
    void thresholdsAreInclusiveWhereTheRegulationSaysSo() {
        assertThat(rules(RULES.check(branch(), new StructureRules.Headcount(2, 2), TODAY)))
                .containsExactly("structure.branch-min-full-members");
        assertThat(RULES.check(branch(), new StructureRules.Headcount(3, 3), TODAY)).isEmpty();
        assertThat(RULES.check(branch(), new StructureRules.Headcount(50, 5), TODAY)).isEmpty();
        assertThat(rules(RULES.check(branch(), new StructureRules.Headcount(51, 5), TODAY)))
                .containsExactly("structure.branch-max-members");
        assertThat(rules(RULES.check(branch(), new StructureRules.Headcount(7, 7), TODAY)))
                .containsExactly("structure.branch-committee-from-full-members");
        assertThat(RULES.check(unit, new StructureRules.Headcount(0, 0), TODAY)).isEmpty();
    }

    @Test
    void committeesAreFlaggedThreeMonthsBeforeTheirTermEndsAndWhenOverdue() {
        Organization branch = branch();
        branch.electCommittee(new CommitteeTerm(LocalDate.of(2024, 2, 27), 3,
                List.of(new CommitteeTerm.Seat(null, "刘书记", "书记"))), "c", CLOCK);
        StructureRules.Headcount enough = new StructureRules.Headcount(10, 9);
        assertThat(RULES.check(branch, enough, TODAY)).isEmpty();
        assertThat(RULES.check(branch, enough, LocalDate.of(2026, 11, 26).plusDays(1))).extracting(
                StructureRules.Warning::severity).containsExactly("due");
        assertThat(RULES.check(branch, enough, LocalDate.of(2027, 2, 27))).singleElement()
                .satisfies(w -> {
                    assertThat(w.severity()).isEqualTo("overdue");
                    assertThat(w.source()).isEqualTo("term source");
                    assertThat(w.dueOn()).isEqualTo(LocalDate.of(2027, 2, 27));
                });
    }
}
