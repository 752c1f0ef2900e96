package city.party.e2e.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import city.party.e2e.Platform;
import city.party.e2e.Sleep;
import city.party.e2e.Tokens;
import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step 3 of the July-1 scenario: a commendation programme of the work committee. Every unit nominates
 * within its quotas (one nomination over the quota is refused), eligibility is worked out by
 * honor-service from what member-service and activity-service announced (a probationary member and a
 * member who missed the organisational-life meeting are refused), both review levels decide (one
 * nomination is rejected by the committee), the approved ones go on public notice, where one anonymous
 * objection is dismissed and another upheld, and the rest are approved. The public honor roll then
 * lists exactly those awards and each appears on the member's or branch's record in member-service.
 *
 * <p>The notice runs the programme's one notice day; the end-to-end platform shortens a notice day
 * ({@code HONOR_NOTICE_DAY_LENGTH}, set by {@code platform-for-tests.sh}), otherwise approval would be
 * a day away. Every run opens its own programme, so the step can run again on the same platform.
 *
 * <p>Needs {@link BranchMeetings} first: eligibility counts attendance at the organisational-life
 * meeting before the nomination window opens.
 */
public final class Commendation {

    static final String MEMBER_CATEGORY = "outstanding-member";
    static final String BRANCH_CATEGORY = "advanced-primary-organization";
    private static final int MEMBERS_PER_UNIT = 2;
    private static final Duration LONGEST_NOTICE = Duration.ofMinutes(5);
    private static final String DEEDS = "该同志在七一场景中带头参加三会一课，认真履行党员义务，"
            + "积极参加志愿服务，在本职岗位上作出突出贡献。";

    private final ScenarioCity city;
    private final Api committee;
    private final Api anonymous = new Api(Platform.GATEWAY, Tokens.none());
    private final Random random;
    private Set<String> attendedLife;

    public Commendation(ScenarioCity city) {
        this.city = city;
        this.committee = city.committee();
        this.random = new Random(city.scale().seed() * 31 + 3);
    }

    /** Who a unit puts forward, and the refusals the step shows along the way. */
    private record Nominees(List<String> members, String overQuota, String probationary, String missedLife) {
    }

    public void run() {
        String program = openProgramme();
        Map<String, String> nominations = new LinkedHashMap<>();
        Map<String, String> nomineeOf = new LinkedHashMap<>();
        boolean refusedOverQuota = false;
        boolean refusedProbationary = false;
        boolean refusedMissedLife = false;
        for (ScenarioCity.Unit unit : city.units()) {
            Nominees nominees = nominees(program, unit, !refusedProbationary, !refusedMissedLife);
            for (String member : nominees.members()) {
                String id = nominate(program, MEMBER_CATEGORY, "MEMBER", member).expect(201).read("$.id");
                nominations.put(id, member);
                nomineeOf.put(id, "MEMBER");
            }
            String branch = unit.branches().get(random.nextInt(unit.branches().size()));
            String collective = nominate(program, BRANCH_CATEGORY, "ORGANIZATION", branch).expect(201).read("$.id");
            nominations.put(collective, branch);
            nomineeOf.put(collective, "ORGANIZATION");
            if (!refusedOverQuota && nominees.overQuota() != null) {
                Api.Answer refused = nominate(program, MEMBER_CATEGORY, "MEMBER", nominees.overQuota()).expect(409);
                assertThat((String) refused.read("$.reason")).as(refused.body()).isEqualTo("quota-exceeded");
                refusedOverQuota = true;
            }
            if (!refusedProbationary && nominees.probationary() != null) {
                assertIneligible(program, nominees.probationary(), "full-member");
                refusedProbationary = true;
            }
            if (!refusedMissedLife && nominees.missedLife() != null) {
                assertIneligible(program, nominees.missedLife(), "organizational-life");
                refusedMissedLife = true;
            }
        }
        assertThat(refusedOverQuota).as("a nomination over a unit's quota was tried").isTrue();
        assertThat(refusedProbationary).as("a probationary member was put forward").isTrue();
        assertThat(refusedMissedLife).as("a member who missed the organisational-life meeting was put forward")
                .isTrue();

        List<String> ids = new ArrayList<>(nominations.keySet());
        String rejected = ids.get(random.nextInt(ids.size()));
        for (String id : ids) {
            review(id, "APPROVE", "UNIT_APPROVED");
            review(id, id.equals(rejected) ? "REJECT" : "APPROVE", id.equals(rejected) ? "REJECTED" : "COMMITTEE_APPROVED");
        }
        List<String> onNotice = ids.stream().filter(id -> !id.equals(rejected)).toList();
        Instant noticeEnds = startNotice(program, onNotice);

        String dismissed = onNotice.get(0);
        String upheld = onNotice.get(onNotice.size() - 1);
        object(dismissed, "DISMISSED", "IN_NOTICE");
        object(upheld, "UPHELD", "REJECTED");
        Api.Answer early = committee.post("/api/nominations/" + dismissed + "/approval", null).expect(409);
        assertThat((String) early.read("$.reason")).as(early.body()).isEqualTo("notice-running");

        assertThat(Duration.between(Instant.now(), noticeEnds)).as("the notice ends at %s: this platform's notice "
                + "day is a calendar day; the end-to-end platform runs with HONOR_NOTICE_DAY_LENGTH=20s", noticeEnds)
                .isLessThan(LONGEST_NOTICE);
        Sleep.of(Duration.between(Instant.now(), noticeEnds).plusSeconds(1));
        Map<String, String> awards = new LinkedHashMap<>();
        for (String id : onNotice) {
            if (!id.equals(upheld)) {
                String award = committee.post("/api/nominations/" + id + "/approval", null).expect(201)
                        .read("$.awardId");
                awards.put(award, id);
            }
        }
        assertHonorRoll(program, awards, nominations, nomineeOf);
        assertOnRecords(program, awards, nominations, nomineeOf);
    }

    private String openProgramme() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> quotas = new ArrayList<>();
        for (ScenarioCity.Unit unit : city.units()) {
            quotas.add(Map.of("unitId", unit.id(), "category", MEMBER_CATEGORY, "limit", MEMBERS_PER_UNIT));
            quotas.add(Map.of("unitId", unit.id(), "category", BRANCH_CATEGORY, "limit", 1));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "七一场景表彰 " + now.atZone(ZoneId.of("Asia/Shanghai")).toLocalDateTime());
        body.put("categories", List.of(Map.of("code", MEMBER_CATEGORY, "name", "优秀共产党员", "kind", "INDIVIDUAL"),
                Map.of("code", BRANCH_CATEGORY, "name", "先进基层党组织", "kind", "COLLECTIVE")));
        body.put("quotas", quotas);
        // The window opens now: the organisational-life meetings held before it count.
        body.put("opensAt", now.toString());
        body.put("closesAt", now.plus(Duration.ofDays(7)).toString());
        body.put("unitReviewDeadline", now.plus(Duration.ofDays(10)).toString());
        body.put("committeeReviewDeadline", now.plus(Duration.ofDays(14)).toString());
        body.put("noticeDays", 1);
        return committee.post("/api/honor-programs", body).expect(201).read("$.id");
    }

    /**
     * Members of the unit in a seeded order, sorted by what honor-service says of them: the first
     * eligible ones are nominated, the next eligible one is the attempt over the quota, and the first
     * probationary member and the first who missed the organisational-life meeting are put forward to
     * be refused (until each refusal has been shown once).
     */
    private Nominees nominees(String program, ScenarioCity.Unit unit, boolean wantProbationary,
            boolean wantMissedLife) {
        List<String> members = new ArrayList<>(unit.members().values().stream().flatMap(List::stream).toList());
        Collections.shuffle(members, random);
        List<String> eligible = new ArrayList<>();
        String probationary = null;
        String missedLife = null;
        for (String member : members) {
            Map<String, Boolean> criteria = eligibility(program, member, attendedLife().contains(member));
            if (!criteria.containsValue(false)) {
                eligible.add(member);
            }
            else if (wantProbationary && probationary == null && Boolean.FALSE.equals(criteria.get("full-member"))) {
                probationary = member;
            }
            else if (wantMissedLife && missedLife == null && Boolean.TRUE.equals(criteria.get("full-member"))
                    && Boolean.FALSE.equals(criteria.get("organizational-life"))) {
                missedLife = member;
            }
            if (eligible.size() > MEMBERS_PER_UNIT && (!wantProbationary || probationary != null)
                    && (!wantMissedLife || missedLife != null)) {
                break;
            }
        }
        assertThat(eligible).as("eligible members of %s", unit.id()).hasSizeGreaterThanOrEqualTo(MEMBERS_PER_UNIT);
        return new Nominees(eligible.subList(0, MEMBERS_PER_UNIT),
                eligible.size() > MEMBERS_PER_UNIT ? eligible.get(MEMBERS_PER_UNIT) : null, probationary, missedLife);
    }

    /**
     * Each criterion's verdict, once honor-service has caught up with the events: it knows the member,
     * and its organisational-life verdict is what activity-service's attendance lists say.
     */
    private Map<String, Boolean> eligibility(String program, String member, boolean attended) {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        String[] lastAnswer = new String[1];
        try {
            awaitEligibility(program, member, attended, verdicts, lastAnswer);
        }
        catch (ConditionTimeoutException e) {
            // Say where the member's attendance stands between activity-service and honor-service.
            throw new AssertionError(e.getMessage() + "\nhonor-service's last answer: " + lastAnswer[0]
                    + "\nattendance records of " + member + " on party.activities:\n" + EventTrail.of(
                            "party.activities", "party.activity.attendance-recorded.v1", "memberId", member,
                            "honor-service"), e);
        }
        return verdicts;
    }

    private void awaitEligibility(String program, String member, boolean attended, Map<String, Boolean> verdicts,
            String[] lastAnswer) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Api.Answer answer = committee.get("/api/nominations/eligibility?programId=" + program + "&memberId="
                    + member).expect(200);
            lastAnswer[0] = answer.body();
            List<Map<String, Object>> criteria = answer.read("$.criteria");
            verdicts.clear();
            criteria.forEach(c -> verdicts.put((String) c.get("code"), (Boolean) c.get("met")));
            assertThat(verdicts).as("honor-service knows %s", member).doesNotContainKey("known-member");
            assertThat(verdicts.get("organizational-life"))
                    .as("%s attended an organisational-life meeting, as activity-service recorded", member)
                    .isEqualTo(attended);
        });
    }

    /**
     * From activity-service: the members PRESENT (or who made it up) at an organisational-life meeting
     * of the scenario's units in the last twelve months — wherever they belong now (members transfer
     * between units later in the scenario, and a re-run starts from where they moved).
     */
    private Set<String> attendedLife() {
        if (attendedLife == null) {
            // Eligibility looks back twelve months from the window's opening (now).
            Instant since = Instant.now().atZone(BranchMeetings.CITY).minusMonths(12).toInstant();
            Set<String> present = new TreeSet<>();
            for (ScenarioCity.Unit unit : city.units()) {
                for (int page = 0; ; page++) {
                    List<Map<String, Object>> meetings = committee.get("/api/activities?organizationId=" + unit.id()
                            + "&kind=" + BranchMeetings.ORGANIZATIONAL_LIFE + "&size=200&page=" + page).expect(200)
                            .read("$.content");
                    for (Map<String, Object> meeting : meetings) {
                        if (List.of("HELD", "RECORDED").contains(meeting.get("status"))
                                && Instant.parse((String) meeting.get("startsAt")).isAfter(since)) {
                            present.addAll(committee.get("/api/activities/" + meeting.get("id") + "/attendance")
                                    .expect(200).<List<String>>read(
                                            "$.attendees[?(@.attendance in ['PRESENT', 'MADE_UP'])].memberId"));
                        }
                    }
                    if (meetings.size() < 200) {
                        break;
                    }
                }
            }
            attendedLife = present;
        }
        return attendedLife;
    }

    private Api.Answer nominate(String program, String category, String nomineeType, String nominee) {
        return committee.post("/api/nominations", Map.of("programId", program, "category", category,
                "nomineeType", nomineeType, "nomineeId", nominee, "deeds", DEEDS));
    }

    private void assertIneligible(String program, String member, String criterion) {
        Api.Answer refused = nominate(program, MEMBER_CATEGORY, "MEMBER", member).expect(422);
        assertThat((String) refused.read("$.rule")).as(refused.body()).isEqualTo("nomination.eligibility");
        List<String> unmet = refused.read("$.criteria[?(@.met == false)].code");
        assertThat(unmet).as(refused.body()).contains(criterion);
    }

    private void review(String nomination, String decision, String state) {
        Api.Answer answer = committee.post("/api/nominations/" + nomination + "/reviews",
                Map.of("decision", decision, "comment", decision.equals("APPROVE") ? "同意推荐" : "事迹材料不够具体"))
                .expect(200);
        assertThat((String) answer.read("$.state")).as(answer.body()).isEqualTo(state);
    }

    /** Starts the notice; the public list shows exactly the nominations approved by both levels. */
    private Instant startNotice(String program, List<String> approved) {
        Api.Answer round = committee.post("/api/honor-programs/" + program + "/notice", null).expect(201);
        List<String> listed = pages("/api/honor-roll/notices?programId=" + program, "nominationId");
        assertThat(listed).as("on public notice").containsExactlyInAnyOrderElementsOf(approved);
        return Instant.parse(round.read("$.endsAt"));
    }

    /** An anonymous objection from the public, then the committee's finding. */
    private void object(String nomination, String outcome, String state) {
        String objection = anonymous.post("/api/honor-roll/notices/" + nomination + "/objections",
                Map.of("text", "群众反映：该推荐对象的事迹材料与实际情况不符，请核实。")).expect(201).read("$.objectionId");
        Api.Answer resolved = committee.post("/api/nominations/" + nomination + "/objections/" + objection
                + "/resolution", Map.of("outcome", outcome, "comment", outcome.equals("UPHELD")
                        ? "经核实，反映情况属实，取消推荐" : "经核实，反映情况不属实")).expect(200);
        assertThat((String) resolved.read("$.state")).as(resolved.body()).isEqualTo(state);
    }

    /** The public roll holds exactly the awards conferred, and no member id. */
    private void assertHonorRoll(String program, Map<String, String> awards, Map<String, String> nominations,
            Map<String, String> nomineeOf) {
        List<String> listed = pages("/api/honor-roll?programId=" + program, "awardId");
        assertThat(listed).as("the honor roll").containsExactlyInAnyOrderElementsOf(awards.keySet());
        String roll = anonymous.get("/api/honor-roll?programId=" + program + "&size=200").expect(200).body();
        awards.values().stream().filter(nomination -> nomineeOf.get(nomination).equals("MEMBER"))
                .map(nominations::get)
                .forEach(member -> assertThat(roll).as("the public roll names no member id").doesNotContain(member));
    }

    /** member-service learns of each award from honor-service's event and shows it on the record. */
    private void assertOnRecords(String program, Map<String, String> awards, Map<String, String> nominations,
            Map<String, String> nomineeOf) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Map.Entry<String, String> award : awards.entrySet()) {
                String nomination = award.getValue();
                String nominee = nominations.get(nomination);
                String record = nomineeOf.get(nomination).equals("MEMBER") ? "/api/members/" + nominee + "/honors"
                        : "/api/organizations/" + nominee + "/honors";
                List<String> honors = committee.get(record).expect(200)
                        .read("$[?(@.programId == '" + program + "')].awardId");
                assertThat(honors).as("%s on the record of %s", award.getKey(), nominee)
                        .containsExactly(award.getKey());
            }
        });
        Set<String> notAwarded = new TreeSet<>(nominations.keySet());
        notAwarded.removeAll(awards.values());
        for (String nomination : notAwarded) {
            String nominee = nominations.get(nomination);
            String record = nomineeOf.get(nomination).equals("MEMBER") ? "/api/members/" + nominee + "/honors"
                    : "/api/organizations/" + nominee + "/honors";
            List<String> honors = committee.get(record).expect(200)
                    .read("$[?(@.programId == '" + program + "')].awardId");
            assertThat(honors).as("rejected nomination %s leaves no honour on %s", nomination, nominee).isEmpty();
        }
    }

    private List<String> pages(String path, String field) {
        List<String> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Api.Answer answer = anonymous.get(path + "&size=200&page=" + page).expect(200);
            List<String> content = answer.read("$.content[*]." + field);
            all.addAll(content);
            if (content.size() < 200) {
                return all;
            }
        }
    }
}
