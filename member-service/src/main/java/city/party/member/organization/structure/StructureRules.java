package city.party.member.organization.structure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import city.party.member.organization.domain.CommitteeTerm;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationType;

/**
 * The structure rules of party organisations as warnings (not errors: an organisation out of line
 * still exists and works, the secretary must act). Thresholds are configuration, each with its
 * source ({@code member.structure.*}).
 */
public final class StructureRules {

    /** A configured threshold and where it comes from. */
    public record Rule(int value, String source) {
    }

    /** A warning about one organisation. */
    public record Warning(String organizationId, String organizationName, String rule, String source,
            String message, String severity, LocalDate dueOn) {
    }

    /** Members counted in one organisation (active and transferring). */
    public record Headcount(long members, long fullMembers) {
    }

    public static final String BRANCH_MIN_FULL = "branch-min-full-members";
    public static final String BRANCH_MAX = "branch-max-members";
    public static final String BRANCH_COMMITTEE = "branch-committee-from-full-members";
    public static final String REELECTION_NOTICE_MONTHS = "re-election-notice-months";

    private final Map<String, Rule> rules;

    public StructureRules(Map<String, Rule> rules) {
        for (String required : List.of(BRANCH_MIN_FULL, BRANCH_MAX, BRANCH_COMMITTEE, REELECTION_NOTICE_MONTHS)) {
            if (!rules.containsKey(required) || rules.get(required).source() == null) {
                throw new IllegalArgumentException("structure rule '" + required + "' needs a value and a source");
            }
        }
        this.rules = Map.copyOf(rules);
    }

    public List<Warning> check(Organization organization, Headcount count, LocalDate today) {
        List<Warning> warnings = new ArrayList<>();
        if (organization.getType() == OrganizationType.BRANCH) {
            Rule min = rules.get(BRANCH_MIN_FULL);
            if (count.fullMembers() < min.value()) {
                warnings.add(warning(organization, BRANCH_MIN_FULL, "党支部正式党员 " + count.fullMembers() + " 人，少于 "
                        + min.value() + " 人（应考虑与邻近支部联合组建）", "warning", null));
            }
            Rule max = rules.get(BRANCH_MAX);
            if (count.members() > max.value()) {
                warnings.add(warning(organization, BRANCH_MAX, "党支部党员 " + count.members() + " 人，超过 "
                        + max.value() + " 人（应考虑分设支部或成立党总支）", "warning", null));
            }
            Rule committee = rules.get(BRANCH_COMMITTEE);
            if (count.fullMembers() >= committee.value() && organization.getCommittee() == null) {
                warnings.add(warning(organization, BRANCH_COMMITTEE, "正式党员 " + count.fullMembers() + " 人，应设立支部委员会，"
                        + "尚无委员会记录", "warning", null));
            }
        }
        CommitteeTerm term = organization.getCommittee();
        if (term != null) {
            LocalDate due = term.dueOn();
            if (!today.isBefore(due)) {
                warnings.add(warning(organization, REELECTION_NOTICE_MONTHS, "委员会任期已于 " + due + " 届满，应按期换届",
                        "overdue", due));
            }
            else if (!today.isBefore(due.minusMonths(rules.get(REELECTION_NOTICE_MONTHS).value()))) {
                warnings.add(warning(organization, REELECTION_NOTICE_MONTHS, "委员会任期将于 " + due + " 届满，请准备换届",
                        "due", due));
            }
        }
        return warnings;
    }

    private Warning warning(Organization organization, String rule, String message, String severity, LocalDate due) {
        return new Warning(organization.getId(), organization.getName(), "structure." + rule, rules.get(rule).source(),
                message, severity, due);
    }
}
