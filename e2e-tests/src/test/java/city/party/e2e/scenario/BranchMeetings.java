package city.party.e2e.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import city.party.e2e.Sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step 2 of the July-1 scenario: the branches hold and record their 三会一课 for the current period,
 * with attendance from their members; about one branch in five falls behind (skips one required
 * meeting), chosen from the scale's seed; the work committee's compliance view then names exactly
 * those branches.
 *
 * <p>What a branch owes comes from the compliance view itself, not from a copy of the rules: a branch
 * owes a window only if it existed a month before the window ends (activity-service's
 * {@code new-organization-grace}), so a city built this week owes this quarter and year but not this
 * month, and one built in December owes nothing until January. While a window is open an unmet
 * requirement is DUE; it becomes OVERDUE (and the daily check raises a warning) once the window has
 * ended — so "behind" here is "not MET" in the current period, and the roll-up's named list of
 * OVERDUE organisations is compared with the branches' own results.
 *
 * <p>Re-runnable: only what is still DUE is held, so a second run in the same period holds nothing
 * new and the same branches are behind (their skipped kind is never held by any run).
 */
public final class BranchMeetings {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    /** Which required meeting a branch that falls behind skips: the first of these it owes. */
    private static final List<String> SKIPPED_FIRST = List.of("branch-general-meeting", "party-lesson",
            "branch-committee-meeting", "theme-party-day", "democratic-appraisal", "organizational-life-meeting");

    /** Held by every branch that keeps up, owed or not: commendation eligibility counts attendance at it. */
    static final String ORGANIZATIONAL_LIFE = "organizational-life-meeting";

    /** Branches handled at once: the gateway's rate limit per caller, not the platform, is the bound. */
    private static final int SECRETARIES = 4;

    private final ScenarioCity city;
    private final Api committee;
    private final String period;

    public BranchMeetings(ScenarioCity city) {
        this.city = city;
        this.committee = city.committee();
        this.period = YearMonth.now(CITY).toString();
    }

    /** A branch's standing before the step: what it owes this period and what is still to be held. */
    private record Owed(Set<String> required, Map<String, Integer> due, int organizationalLifeHeld) {
    }

    public void run() {
        List<String> branches = city.units().stream().flatMap(u -> u.branches().stream()).toList();
        Set<String> behind = behindBranches(branches);
        Map<String, String> skipped = new ConcurrentHashMap<>();
        Map<String, Set<String>> required = new ConcurrentHashMap<>();
        Instant startsAt = meetingTime();
        // Branches meet independently; a few at a time, as secretaries across the city would.
        ExecutorService secretaries = Executors.newFixedThreadPool(SECRETARIES);
        try {
            List<Future<?>> meetings = new ArrayList<>();
            for (ScenarioCity.Unit unit : city.units()) {
                for (String branch : unit.branches()) {
                    meetings.add(secretaries.submit(() -> meet(branch, unit.members().get(branch),
                            behind.contains(branch), startsAt, skipped, required)));
                }
            }
            for (Future<?> meeting : meetings) {
                meeting.get();
            }
        }
        catch (ExecutionException failed) {
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        finally {
            secretaries.shutdownNow();
        }
        assertBehindAreExactlyTheSkippers(branches, skipped, required);
        // The daily overdue check, run now: it may only warn about windows that have ended.
        committee.post("/api/compliance/overdue-checks", null).expect(200);
        assertUnitViewsAreScoped();
    }

    /**
     * One branch's period: what it owes, and the meetings still DUE held — all but the skipped kind if
     * it falls behind; one that keeps up also holds an organisational-life meeting if it had none.
     */
    private void meet(String branch, List<String> members, boolean fallsBehind, Instant startsAt,
            Map<String, String> skipped, Map<String, Set<String>> required) {
        Owed owed = owed(branch);
        required.put(branch, owed.required());
        String skip = fallsBehind
                ? SKIPPED_FIRST.stream().filter(owed.required()::contains).findFirst().orElse(null) : null;
        if (skip != null) {
            skipped.put(branch, skip);
        }
        Map<String, Integer> toHold = new LinkedHashMap<>(owed.due());
        if (skip == null && owed.organizationalLifeHeld() == 0) {
            toHold.putIfAbsent(ORGANIZATIONAL_LIFE, 1);
        }
        toHold.remove(skip);
        toHold.forEach((kind, times) -> {
            for (int i = 0; i < times; i++) {
                hold(branch, kind, startsAt, members);
            }
        });
    }

    /**
     * About one in five, decided per branch from the seed and its id, so that the small and the city
     * scale agree about the branches they share when both run on one platform.
     */
    private Set<String> behindBranches(List<String> branches) {
        Set<String> behind = new LinkedHashSet<>();
        for (String branch : branches) {
            if (new Random(city.scale().seed() ^ branch.hashCode()).nextInt(5) == 0) {
                behind.add(branch);
            }
        }
        assertThat(behind).as("the seed lets some branches fall behind, not all").isNotEmpty()
                .hasSizeLessThan(branches.size());
        return behind;
    }

    /**
     * A start time in the past (meetings are held after they start) and inside the current month, so
     * the meeting counts in every window of the period.
     */
    private static Instant meetingTime() {
        Instant monthStart = YearMonth.now(CITY).atDay(1).atStartOfDay(CITY).toInstant();
        Instant candidate = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        if (candidate.isAfter(monthStart)) {
            return candidate;
        }
        Instant start = monthStart.plusSeconds(60);
        if (start.isAfter(Instant.now())) {
            Sleep.of(Duration.between(Instant.now(), start).plusSeconds(1));
        }
        return start;
    }

    private Owed owed(String branch) {
        // The branch reaches activity-service by event; until then the view does not know it.
        Api.Answer report = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> committee.get("/api/compliance?organizationId=" + branch + "&period=" + period),
                        answer -> answer.status() == 200);
        List<Map<String, Object>> kinds = report.read("$.kinds");
        Set<String> required = new TreeSet<>();
        Map<String, Integer> due = new LinkedHashMap<>();
        int organizationalLifeHeld = 0;
        for (Map<String, Object> kind : kinds) {
            String code = (String) kind.get("kind");
            int needed = ((Number) kind.get("required")).intValue();
            int held = ((Number) kind.get("held")).intValue();
            // a branch too new to owe this window (it must have existed a month before it ends) shows
            // the kind's count with the status NOT_REQUIRED: it owes nothing there to skip
            if (needed > 0 && !"NOT_REQUIRED".equals(kind.get("status"))) {
                required.add(code);
            }
            if ("DUE".equals(kind.get("status"))) {
                due.put(code, needed - held);
            }
            if (code.equals(ORGANIZATIONAL_LIFE)) {
                organizationalLifeHeld = held;
            }
        }
        return new Owed(required, due, organizationalLifeHeld);
    }

    /** Plan, hold, take the attendance and write the record (纪实), as the branch's secretary would. */
    private void hold(String branch, String kind, Instant startsAt, List<String> members) {
        OffsetDateTime start = startsAt.atZone(CITY).toOffsetDateTime();
        Api.Answer planned = committee.post("/api/activities", Map.of("kind", kind, "organizationIds", List.of(branch),
                "topic", "七一场景：" + branch + " " + kind + " " + period, "startsAt", start.toString(),
                "endsAt", start.plusHours(1).toString(), "place", "党员活动室")).expect(201);
        String id = planned.read("$.id");
        committee.post("/api/activities/" + id + "/hold", null).expect(200);
        List<String> expected = committee.get("/api/activities/" + id + "/attendance").expect(200)
                .read("$.attendees[*].memberId");
        assertThat(expected).as("expected attendees of %s's %s are its members", branch, kind)
                .containsExactlyInAnyOrderElementsOf(members);
        Random random = new Random(city.scale().seed() ^ (branch + kind).hashCode());
        List<Map<String, String>> entries = new ArrayList<>();
        for (String member : members) {
            int roll = random.nextInt(20);
            entries.add(roll == 0 ? Map.of("memberId", member, "attendance", "ABSENT")
                    : roll <= 2 ? Map.of("memberId", member, "attendance", "ON_LEAVE", "reason", "因公出差")
                    : Map.of("memberId", member, "attendance", "PRESENT"));
        }
        committee.put("/api/activities/" + id + "/attendance", Map.of("entries", entries), Map.of()).expect(200);
        committee.put("/api/activities/" + id + "/record", Map.of("minutes", "会议传达学习七一重要讲话精神，"
                + "支部书记主持，与会党员逐一交流发言。"), Map.of()).expect(200);
    }

    private Map<String, Object> report(String organizationId) {
        return committee.get("/api/compliance?organizationId=" + organizationId + "&period=" + period).expect(200)
                .read("$");
    }

    /**
     * Each branch's own result: a branch that skipped is not MET, and the skipped kind is the only one
     * it lacks; every other branch that owes anything is MET; among this city's branches, the city
     * roll-up names as OVERDUE exactly those whose own result is OVERDUE (none while the period's
     * windows are open; a larger scale's branches on the same platform are not this run's).
     */
    private void assertBehindAreExactlyTheSkippers(List<String> branches, Map<String, String> skipped,
            Map<String, Set<String>> required) {
        Set<String> notMet = new TreeSet<>();
        Set<String> overdue = new TreeSet<>();
        for (String branch : branches) {
            Map<String, Object> report = report(branch);
            String status = (String) report.get("status");
            List<Map<String, Object>> kinds = castList(report.get("kinds"));
            List<String> lacking = kinds.stream().filter(k -> k.get("status").equals("DUE")
                    || k.get("status").equals("OVERDUE")).map(k -> (String) k.get("kind")).toList();
            if (skipped.containsKey(branch)) {
                assertThat(lacking).as("%s skipped only %s", branch, skipped.get(branch))
                        .containsExactly(skipped.get(branch));
            }
            else if (!required.get(branch).isEmpty()) {
                assertThat(status).as("%s held everything it owes: %s", branch, kinds).isEqualTo("MET");
            }
            else {
                assertThat(status).as("%s owes nothing this period", branch).isEqualTo("NOT_REQUIRED");
            }
            if (!status.equals("MET") && !status.equals("NOT_REQUIRED")) {
                notMet.add(branch);
            }
            if (status.equals("OVERDUE")) {
                overdue.add(branch);
            }
        }
        assertThat(notMet).as("the branches behind in %s are exactly those that skipped a meeting", period)
                .isEqualTo(new TreeSet<>(skipped.keySet()));
        Map<String, Object> cityView = committee.get("/api/compliance?period=" + period).expect(200).read("$");
        assertThat((Boolean) path(cityView, "subtree", "overdueListTruncated"))
                .as("the city's overdue list is complete").isFalse();
        Set<String> listedOverdue = new TreeSet<>();
        for (Map<String, Object> organization : castList(path(cityView, "subtree", "overdueOrganizations"))) {
            String id = (String) organization.get("organizationId");
            if (branches.contains(id)) {
                listedOverdue.add(id);
            }
        }
        assertThat(listedOverdue).as("the committee's city view names the scenario's overdue branches")
                .isEqualTo(overdue);
    }

    /**
     * A unit's view counts its own organisations only — its branches' own results, including branches a
     * larger scale added on the same platform — names as OVERDUE only its own, and its overdue warnings
     * name only its organisations and no window that is still open.
     */
    private void assertUnitViewsAreScoped() {
        for (ScenarioCity.Unit unit : city.units()) {
            List<String> organizations = committee.get("/api/organizations/" + unit.id() + "/subtree").expect(200)
                    .read("$[*].id");
            assertThat(organizations).as("%s's subtree", unit.id()).containsAll(unit.branches());
            Map<String, Long> statuses = new HashMap<>();
            Set<String> overdue = new TreeSet<>();
            for (String organization : organizations) {
                String status = (String) report(organization).get("status");
                statuses.merge(status, 1L, Long::sum);
                if (status.equals("OVERDUE")) {
                    overdue.add(organization);
                }
            }
            Map<String, Object> subtree = castMap(report(unit.id()).get("subtree"));
            assertThat(Map.of("organizations", subtree.get("organizations"), "compliant", subtree.get("compliant"),
                    "due", subtree.get("due"), "overdue", subtree.get("overdue")))
                    .as("%s's roll-up against its organisations' own results", unit.id())
                    .isEqualTo(Map.of("organizations", (int) (organizations.size()
                            - statuses.getOrDefault("NOT_REQUIRED", 0L)),
                            "compliant", statuses.getOrDefault("MET", 0L).intValue(),
                            "due", statuses.getOrDefault("DUE", 0L).intValue(),
                            "overdue", statuses.getOrDefault("OVERDUE", 0L).intValue()));
            assertThat(castList(subtree.get("overdueOrganizations")).stream()
                    .map(o -> (String) o.get("organizationId")).toList()).as("%s names as overdue", unit.id())
                    .containsExactlyInAnyOrderElementsOf(overdue);
            List<Map<String, Object>> warnings = committee.get("/api/compliance/overdue?organizationId="
                    + unit.id() + "&size=200").expect(200).read("$.content");
            for (Map<String, Object> warning : warnings) {
                assertThat((String) warning.get("organizationId")).as("%s's overdue warnings", unit.id())
                        .isIn(organizations);
                assertThat((String) warning.get("period")).as("a warning of %s for a window still open", unit.id())
                        .isNotIn(openWindows());
            }
        }
    }

    /** The windows containing today: nothing in them can be overdue yet. */
    private Set<String> openWindows() {
        YearMonth month = YearMonth.parse(period);
        return Set.of(period, month.getYear() + "-Q" + ((month.getMonthValue() + 2) / 3),
                month.getYear() + "-H" + (month.getMonthValue() <= 6 ? 1 : 2), String.valueOf(month.getYear()));
    }

    private static Object path(Map<String, Object> map, String first, String second) {
        return castMap(map.get(first)).get(second);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
