package city.party.honor.nomination.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import city.party.honor.facts.domain.AppraisalFact;
import city.party.honor.facts.domain.AttendanceFact;
import city.party.honor.facts.domain.MemberFact;
import city.party.honor.facts.domain.OrganizationFact;

/**
 * The conditions for honouring a member, checked on the facts other services published: a full
 * member (正式党员), in good standing (not lapsed, left or in transfer), not appraised 不合格 in the
 * programme year or the year before, and attending organisation life (at least one 组织生活会 in
 * the twelve months before the nomination window opened).
 */
public final class EligibilityRules {

    public static final String ORGANIZATIONAL_LIFE_MEETING = "organizational-life-meeting";
    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    static final String SOURCE_FULL = "《中国共产党章程》第七条（预备党员转为正式党员）；表彰条件：正式党员";
    static final String SOURCE_STATUS = "《中国共产党章程》第九条（党员停止党籍、出党）；表彰条件：组织关系正常";
    static final String SOURCE_APPRAISAL = "《关于党员民主评议的规定》：被评为不合格党员的，不得评为优秀";
    static final String SOURCE_LIFE = "《关于新形势下党内政治生活的若干准则》：党员须参加组织生活会";
    static final String SOURCE_ORG = "表彰对象须为现存的基层党组织";

    private EligibilityRules() {
    }

    public static EligibilityCheck member(MemberFact member, List<AttendanceFact> attendance,
            List<AppraisalFact> appraisals, int programYear, Instant windowOpens) {
        List<EligibilityCheck.Criterion> criteria = new ArrayList<>();
        if (member == null || !member.isRegistered()) {
            criteria.add(new EligibilityCheck.Criterion("known-member", false,
                    "No registration of this member has been received from member-service.", SOURCE_FULL));
            return EligibilityCheck.of(criteria);
        }
        boolean full = MemberFact.FULL.equals(member.getStage());
        criteria.add(new EligibilityCheck.Criterion("full-member", full,
                full ? "Full member." : "Stage is " + member.getStage() + ", not a full member.", SOURCE_FULL,
                List.of(String.valueOf(member.getStage()))));
        boolean active = MemberFact.ACTIVE.equals(member.getStatus());
        criteria.add(new EligibilityCheck.Criterion("active", active,
                active ? "Membership is active." : "Membership status is " + member.getStatus() + ".", SOURCE_STATUS,
                List.of(String.valueOf(member.getStatus()))));
        List<Integer> years = List.of(programYear - 1, programYear);
        List<AppraisalFact> unqualified = appraisals.stream()
                .filter(a -> years.contains(a.getYear()) && AppraisalFact.UNQUALIFIED.equals(a.getGrade())).toList();
        String unqualifiedYears = unqualified.stream().map(a -> String.valueOf(a.getYear())).distinct().sorted()
                .collect(Collectors.joining(", "));
        criteria.add(new EligibilityCheck.Criterion("appraisal", unqualified.isEmpty(),
                unqualified.isEmpty() ? "No UNQUALIFIED appraisal in " + years + "."
                        : "Appraised UNQUALIFIED in " + unqualifiedYears + ".",
                SOURCE_APPRAISAL, List.of(unqualified.isEmpty() ? (programYear - 1) + ", " + programYear
                        : unqualifiedYears)));
        Instant from = lifeWindowStart(windowOpens);
        long attended = attendance.stream().filter(a -> ORGANIZATIONAL_LIFE_MEETING.equals(a.getKind()))
                .filter(a -> !a.getHeldAt().isBefore(from) && a.getHeldAt().isBefore(windowOpens))
                .filter(AttendanceFact::attended).count();
        criteria.add(new EligibilityCheck.Criterion("organizational-life", attended > 0,
                attended > 0 ? "Attended " + attended + " organisational-life meeting(s) between " + from + " and "
                        + windowOpens + "."
                        : "No attended organisational-life meeting between " + from + " and " + windowOpens + ".",
                SOURCE_LIFE, List.of(String.valueOf(attended), from.atZone(CITY_ZONE).toLocalDate().toString(),
                        windowOpens.atZone(CITY_ZONE).toLocalDate().toString())));
        return EligibilityCheck.of(criteria);
    }

    public static EligibilityCheck organization(OrganizationFact organization) {
        boolean exists = organization != null && organization.getPath() != null && !organization.isDissolved();
        return EligibilityCheck.of(List.of(new EligibilityCheck.Criterion("organization-exists", exists,
                exists ? "The organisation exists." : "The organisation is unknown or dissolved.", SOURCE_ORG)));
    }

    /** Twelve months (calendar, in the city's zone) before the window opens. */
    public static Instant lifeWindowStart(Instant windowOpens) {
        ZonedDateTime opens = windowOpens.atZone(CITY_ZONE);
        return opens.minusMonths(12).toInstant();
    }
}
