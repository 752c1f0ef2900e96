package city.party.e2e.scenario;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Questions to the consuming services that show what their read models of the register hold:
 * whom an activity of a branch expects today (activity-service), which unit a donation counts for
 * (donation-service), and a member's eligibility criteria (honor-service).
 */
final class ReadModels {

    private final Api committee;
    private final String run;

    ReadModels(Api committee, String run) {
        this.committee = committee;
        this.run = run;
    }

    /** Plans an activity of the branch later today (city time) and returns its id. */
    String planToday(String branch, String why) {
        String kind = committee.get("/api/activities/kinds").expect(200).read("$[0].code");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        OffsetDateTime start = now.plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        if (start.getDayOfYear() != now.getDayOfYear()) {
            start = now.truncatedTo(ChronoUnit.MINUTES).minusMinutes(5); // late evening: stay on today
        }
        return committee.post("/api/activities", Map.of("kind", kind, "organizationIds", List.of(branch),
                "topic", "七一场景：" + why + " " + run, "startsAt", start.toString(), "endsAt",
                start.plusMinutes(4).toString(), "place", "会议室")).expect(201).read("$.id");
    }

    List<String> expectedAttendees(String activity) {
        return committee.get("/api/activities/" + activity + "/attendance").expect(200).read("$.attendees[*].memberId");
    }

    /** Cancels a probe activity: it never counts for compliance. */
    void cancel(String activity) {
        committee.post("/api/activities/" + activity + "/cancel", Map.of("reason", "七一场景：核对读模型")).expect(200);
    }

    /** An open honor programme of this run with one individual category, to ask eligibility against. */
    String honorProgram(String why) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return committee.post("/api/honor-programs", Map.of("name", "七一场景：" + why + " " + run, "categories",
                List.of(Map.of("code", "outstanding-member", "name", "优秀共产党员", "kind", "INDIVIDUAL")),
                "quotas", List.of(), "opensAt", now.minusMinutes(1).toString(), "closesAt",
                now.plusDays(1).toString(), "unitReviewDeadline", now.plusDays(2).toString(),
                "committeeReviewDeadline", now.plusDays(3).toString())).expect(201).read("$.id");
    }

    /**
     * Whether honor-service finds the member's criterion {@code code} (full-member, active, …) met; an
     * unknown member has only the criterion known-member (unmet), so any other code is then unmet.
     */
    boolean criterionMet(String program, String memberId, String code) {
        List<Boolean> met = committee.get("/api/nominations/eligibility?programId=" + program + "&memberId="
                + memberId).expect(200).read("$.criteria[?(@.code == '" + code + "')].met");
        if (met.isEmpty()) {
            return false;
        }
        assertThat(met).as("criterion %s of %s", code, memberId).hasSize(1);
        return met.get(0);
    }

    /** A small open campaign of this run over the whole city, to see which unit a donation counts for. */
    String openCampaign(String why) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String campaign = "jul1-" + why + "-" + run;
        committee.post("/api/donation-campaigns", Map.of("id", campaign, "name", "七一场景：" + why,
                "participatingOrganizationId", "city", "opensAt", now.minusMinutes(1).toString(),
                "closesAt", now.plusDays(1).toString())).expect(201);
        return campaign;
    }

    /** Donates 10.00 for the member (idempotently per campaign and member); the answer names the unit. */
    Api.Answer donate(String campaign, String memberId) {
        return committee.post("/api/donations", Map.of("campaignId", campaign, "memberId", memberId, "amount",
                "10.00", "channel", "CASH"), Map.of("Idempotency-Key", campaign + "-" + memberId));
    }

    void close(String campaign) {
        committee.post("/api/donation-campaigns/" + campaign + "/close", Map.of()).expect(200);
    }
}
