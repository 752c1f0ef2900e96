package city.party.honor.nomination;

import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.List;

import city.party.honor.facts.domain.AppraisalFact;
import city.party.honor.facts.domain.AttendanceFact;
import city.party.honor.facts.domain.MemberFact;
import city.party.honor.nomination.domain.EligibilityCheck;
import city.party.honor.nomination.domain.EligibilityRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityRulesTest {

    static final Instant OPENS = Instant.parse("2026-06-01T00:00:00Z");

    static MemberFact member(String stage, String status) {
        MemberFact m = MemberFact.of("m-1");
        m.registered("陈明", "branch-a1", stage, status, "member-a");
        return m;
    }

    static AttendanceFact attended(String kind, String attendance, Instant heldAt) {
        AttendanceFact a = AttendanceFact.of("act-" + heldAt, "m-1");
        a.recorded("branch-a1", kind, attendance, heldAt, heldAt);
        return a;
    }

    static AppraisalFact appraisal(int year, String grade) {
        AppraisalFact a = AppraisalFact.of("appraisal-" + year, "m-1");
        a.recorded("branch-a1", year, grade, Instant.now());
        return a;
    }

    static List<String> failed(EligibilityCheck check) {
        return check.criteria().stream().filter(c -> !c.met()).map(EligibilityCheck.Criterion::code).toList();
    }

    @Test
    void anActiveFullMemberWhoAttendedAndWasNotUnqualifiedIsEligible() {
        EligibilityCheck check = EligibilityRules.member(member("FULL", "ACTIVE"),
                List.of(attended("organizational-life-meeting", "PRESENT", Instant.parse("2026-01-15T02:00:00Z"))),
                List.of(appraisal(2025, "EXCELLENT")), 2026, OPENS);
        assertThat(check.eligible()).isTrue();
        assertThat(check.criteria()).extracting(EligibilityCheck.Criterion::code)
                .containsExactly("full-member", "active", "appraisal", "organizational-life");
    }

    @Test
    void eachCriterionSaysWhyItFails() {
        EligibilityCheck check = EligibilityRules.member(member("PROBATIONARY", "LAPSED"),
                List.of(attended("organizational-life-meeting", "ABSENT", Instant.parse("2026-01-15T02:00:00Z")),
                        attended("study-session", "PRESENT", Instant.parse("2026-02-15T02:00:00Z")),
                        // outside the twelve months before the window
                        attended("organizational-life-meeting", "PRESENT", Instant.parse("2025-05-31T15:59:59Z"))),
                List.of(appraisal(2025, "UNQUALIFIED")), 2026, OPENS);
        assertThat(check.eligible()).isFalse();
        assertThat(failed(check)).containsExactly("full-member", "active", "appraisal", "organizational-life");
        assertThat(check.criteria().get(2).detail()).contains("2025");
    }

    @Test
    void aMadeUpMeetingCountsAndOlderAppraisalsDoNot() {
        EligibilityCheck check = EligibilityRules.member(member("FULL", "ACTIVE"),
                List.of(attended("organizational-life-meeting", "MADE_UP", Instant.parse("2025-06-01T00:00:00Z"))),
                List.of(appraisal(2024, "UNQUALIFIED")), 2026, OPENS);
        assertThat(check.eligible()).isTrue();
    }

    @Test
    void anUnknownMemberIsNotEligible() {
        assertThat(failed(EligibilityRules.member(null, List.of(), List.of(), 2026, OPENS)))
                .containsExactly("known-member");
    }
}
