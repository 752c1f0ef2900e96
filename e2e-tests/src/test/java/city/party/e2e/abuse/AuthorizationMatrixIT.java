package city.party.e2e.abuse;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import city.party.e2e.Tokens;
import city.party.e2e.Platform;
import city.party.e2e.abuse.AccessRules.Access;
import city.party.e2e.abuse.AccessRules.Outcome;
import city.party.e2e.abuse.AccessRules.Role;
import city.party.e2e.abuse.ApiCatalog.Operation;
import city.party.e2e.abuse.ApiCatalog.Param;
import city.party.e2e.abuse.RawHttp.Answer;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, "authorization matrix": every role (committee, the org-admin of unit A's branch, a
 * member there, an auditor, a machine client, no token) × every operation of the OpenAPI documents
 * × the caller's own organisation, another organisation and an id that does not exist. The
 * expected outcome per role and class of operation is the explicit table of {@link AccessRules}.
 * Refusals are checked to leak nothing: another organisation's existing id is answered exactly as
 * an id that does not exist, and no answer to unit A's secretary or member carries unit B's ids or
 * personal data. Every mismatch is collected and reported at once.
 *
 * <p>Nothing is changed: a write is sent with real ids only where the table expects a refusal;
 * allowed writes are sent with ids that do not exist.
 */
class AuthorizationMatrixIT {

    private static final String MISSING = "e2e-authz-missing";
    private static final String CAMPAIGN = "demo-epidemic-relief";
    private static final String PROGRAMME = "demo-july-first";
    private static final String ACTIVITY_TOPIC = "权限矩阵测试用活动";

    /** Whose ids fill the scoped parameters of a request. */
    enum Target {
        /** Unit A (branch-a1): the org-admin's and the member's own. */
        OWN,
        /** Unit B (branch-b1): someone else's, existing. */
        OTHER,
        /** Ids that exist nowhere. */
        MISSING,
        /** The operation has no scoped parameter. */
        NONE
    }

    /** The kinds of ids whose visibility depends on the caller's organisation. */
    enum Kind {
        ORGANIZATION, UNIT, MEMBER, ACTIVITY, DONATION
    }

    /** One request of the matrix and its answer. */
    record Cell(Role role, Operation operation, Target target, String path, Answer answer) {
    }

    @Test
    void everyRoleGetsExactlyWhatTheTableAllowsAndRefusalsLeakNothing() throws Exception {
        List<Operation> operations = ApiCatalog.discover();
        Map<Role, Tokens> tokens = new EnumMap<>(Role.class);
        tokens.put(Role.ANONYMOUS, Tokens.none());
        tokens.put(Role.AUDITOR, Tokens.password("auditor", "auditor-pass"));
        tokens.put(Role.MACHINE, Tokens.clientCredentials("city-data-exchange", "city-data-exchange-secret"));
        tokens.put(Role.MEMBER, Tokens.password("member-a", "member-pass"));
        tokens.put(Role.ORG_ADMIN, Tokens.password("secretary-a", "secretary-pass"));
        tokens.put(Role.COMMITTEE, Tokens.password("committee", "committee-pass"));
        Fixtures fixtures = Fixtures.load(tokens.get(Role.COMMITTEE).get(), tokens.get(Role.MEMBER).get());

        List<Cell> cells = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Operation operation : operations) {
                for (Role role : Role.values()) {
                    Outcome outcome = AccessRules.expected(role, AccessRules.of(operation));
                    for (Target target : targets(operation)) {
                        if (!worthSending(operation, outcome, target)) {
                            continue;
                        }
                        running.add(pool.submit(() -> {
                            String path = path(operation, target, outcome, fixtures);
                            Answer answer = RawHttp.send(operation.method(), Platform.GATEWAY + path,
                                    tokens.get(role).get(), contentType(operation),
                                    body(operation, refusalExpected(outcome, target) || target == Target.MISSING),
                                    headers(operation, role));
                            cells.add(new Cell(role, operation, target, path, answer));
                        }));
                    }
                }
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        finally {
            pool.shutdownNow();
        }

        Findings findings = new Findings();
        Map<String, Cell> byKey = new ConcurrentHashMap<>();
        cells.forEach(cell -> byKey.put(key(cell.role(), cell.operation(), cell.target()), cell));
        for (Cell cell : cells) {
            check(cell, byKey.get(key(cell.role(), cell.operation(), Target.MISSING)), fixtures, findings);
        }
        System.out.printf("AuthorizationMatrixIT: %d operations, %d requests%n", operations.size(), cells.size());
        for (Role role : Role.values()) {
            // what each caller got, so a run that refuses (or allows) everything shows at a glance
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            cells.stream().filter(cell -> cell.role() == role)
                    .forEach(cell -> statuses.merge(cell.answer().status(), 1, Integer::sum));
            System.out.printf("AuthorizationMatrixIT: %-9s %s%n", role, statuses);
        }
        assertThat(findings.all()).as(findings.report("Authorization matrix mismatches")).isEmpty();
    }

    // ---- what is sent ---------------------------------------------------------------------------

    private static List<Target> targets(Operation operation) {
        boolean scoped = operation.parameters().stream().anyMatch(p -> kind(operation, p) != null);
        return scoped ? List.of(Target.OWN, Target.OTHER, Target.MISSING) : List.of(Target.NONE);
    }

    /**
     * A write goes out with real ids only where a refusal is expected: an allowed write with real
     * ids would change the demo data (it is sent with missing ids instead, as target NONE/MISSING).
     */
    private static boolean worthSending(Operation operation, Outcome outcome, Target target) {
        if (!operation.writes()) {
            return true;
        }
        return switch (target) {
            case OWN -> outcome == Outcome.UNAUTHENTICATED || outcome == Outcome.FORBIDDEN || outcome == Outcome.DENIED;
            default -> true;
        };
    }

    private static boolean refusalExpected(Outcome outcome, Target target) {
        return switch (outcome) {
            case UNAUTHENTICATED, FORBIDDEN, DENIED -> true;
            case SCOPED, SCOPED_OWN_UNSPECIFIED -> target == Target.OTHER;
            case ALLOWED -> false;
        };
    }

    private static String path(Operation operation, Target target, Outcome outcome, Fixtures fixtures) {
        // fixed ids of things everyone may know (the demo campaign and programme) only where nothing can
        // change: reads, expected refusals, and requests whose scoped ids do not exist
        boolean realFixed = !operation.writes() || refusalExpected(outcome, target) || target == Target.MISSING;
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        for (Param param : operation.parameters()) {
            String value = value(operation, param, target, realFixed, fixtures);
            if (param.in().equals("path")) {
                ids.put(param.name(), value);
            }
            else if (param.in().equals("query") && (param.required() || kind(operation, param) != null
                    && target != Target.NONE)) {
                query.put(param.name(), value);
            }
        }
        return operation.url(ids, query);
    }

    private static String value(Operation operation, Param param, Target target, boolean realFixed, Fixtures fixtures) {
        Kind kind = kind(operation, param);
        if (kind != null) {
            return switch (target) {
                case OWN -> fixtures.own(kind);
                case OTHER -> fixtures.other(kind);
                default -> MISSING;
            };
        }
        String name = param.name();
        boolean campaign = name.equals("campaignId")
                || name.equals("id") && operation.path().startsWith("/api/donation-campaigns/");
        boolean programme = name.equals("programId")
                || name.equals("id") && operation.path().startsWith("/api/honor-programs/");
        if (realFixed && campaign) {
            return CAMPAIGN;
        }
        if (realFixed && programme) {
            return PROGRAMME;
        }
        if (name.equals("format")) {
            return "json";
        }
        return MISSING;
    }

    /** Which scoped kind a parameter holds, or null. */
    static Kind kind(Operation operation, Param param) {
        String name = param.name();
        String path = operation.path();
        if (name.equals("unitId")) {
            return Kind.UNIT;
        }
        if (param.in().equals("query")) {
            return switch (name) {
                case "organizationId", "parentId" -> Kind.ORGANIZATION;
                case "memberId" -> Kind.MEMBER;
                default -> null;
            };
        }
        if (!param.in().equals("path") || !(name.equals("id") || name.equals("activityId"))) {
            return null;
        }
        if (path.startsWith("/api/organizations/")) {
            return Kind.ORGANIZATION;
        }
        if (path.startsWith("/api/members/")) {
            return Kind.MEMBER;
        }
        if (path.startsWith("/api/activities/")) {
            return Kind.ACTIVITY;
        }
        if (path.startsWith("/api/donations/")) {
            return Kind.DONATION;
        }
        return null;
    }

    private static String contentType(Operation operation) {
        if (operation.body() == null) {
            return null;
        }
        return operation.body().multipart() ? "multipart/form-data; boundary=e2e-authz" : "application/json";
    }

    /**
     * A plausible body where a refusal is expected (it must come however good the request is) and
     * with missing ids (the answer another organisation's id is compared with, and nothing to
     * change); {@code {}} where the call is allowed on real or no ids — only "not refused" is checked
     * there, and an empty body cannot create anything.
     */
    private static byte[] body(Operation operation, boolean plausible) {
        if (operation.body() == null) {
            return null;
        }
        if (!plausible && operation.body().json()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        if (operation.body().multipart()) {
            String part = operation.path().contains("photos") ? "photo" : "file";
            return ("--e2e-authz\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"a.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n姓名\r\n--e2e-authz--\r\n").getBytes(StandardCharsets.UTF_8);
        }
        Samples samples = new Samples(operation.schemas(), MISSING);
        return Json.write(samples.body(operation)).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(Operation operation, Role role) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Param param : operation.in("header")) {
            if (param.name().equalsIgnoreCase("If-Match")) {
                // a version no resource has: even a wrongly allowed change cannot go through
                headers.put("If-Match", "\"999999\"");
            }
            if (param.name().equalsIgnoreCase("Idempotency-Key")) {
                headers.put("Idempotency-Key", "e2e-authz-" + role.name().toLowerCase() + "-"
                        + Integer.toHexString(operation.key().hashCode()));
            }
        }
        return headers;
    }

    // ---- what is expected -----------------------------------------------------------------------

    private static void check(Cell cell, Cell missing, Fixtures fixtures, Findings findings) {
        Operation operation = cell.operation();
        Outcome outcome = AccessRules.expected(cell.role(), AccessRules.of(operation));
        int status = cell.answer().status();
        String breach = Findings.contractBreach(cell.answer());
        if (breach != null) {
            report(findings, cell, outcome, breach);
            return;
        }
        boolean refused = status == 401 || status == 403;
        boolean read = !operation.writes();
        boolean everyIdExists = cell.target() != Target.MISSING && !cell.path().contains("e2e-authz-missing");
        switch (outcome) {
            case UNAUTHENTICATED -> expect(status == 401, findings, cell, outcome, "401");
            case FORBIDDEN -> expect(status == 403, findings, cell, outcome, "403");
            case DENIED -> {
                expect(status == 403 || status == 404, findings, cell, outcome, "403 or 404");
                sameAsMissing(cell, missing, fixtures, findings, outcome);
            }
            case SCOPED, SCOPED_OWN_UNSPECIFIED -> {
                switch (cell.target()) {
                    case OWN -> {
                        if (outcome == Outcome.SCOPED) {
                            expect(!refused && !(read && everyIdExists && status == 404), findings, cell, outcome,
                                    "allowed (own organisation)");
                        }
                        else if (read && cell.role() == Role.MEMBER && ownRecord(operation)) {
                            // "a member sees their own record" (ARCHITECTURE.md), and what hangs off it
                            expect(!refused && status != 404, findings, cell, outcome, "allowed (her own record)");
                        }
                        else {
                            expect(status != 401, findings, cell, outcome, "not 401");
                        }
                    }
                    case OTHER -> {
                        // an id in the path must be refused; one in the query (a filter) must at least
                        // answer exactly as a filter on nothing does
                        if (scopedInPath(operation)) {
                            expect(status == 403 || status == 404, findings, cell, outcome,
                                    "403 or 404 (another organisation)");
                        }
                        sameAsMissing(cell, missing, fixtures, findings, outcome);
                    }
                    default -> expect(read ? !refused : status != 401, findings, cell, outcome,
                            read ? "allowed (scoped in the query)" : "not 401");
                }
            }
            case ALLOWED -> expect(!refused && !(read && everyIdExists && status == 404), findings, cell, outcome,
                    "allowed");
        }
        if (cell.role() == Role.MEMBER || cell.role() == Role.ORG_ADMIN) {
            for (String secret : fixtures.unitBSecrets()) {
                if (cell.answer().body().contains(secret) && !cell.path().contains(secret)) {
                    report(findings, cell, outcome, "the answer carries unit B's " + fixtures.describe(secret));
                }
            }
        }
    }

    /** A read of a member record or what hangs off it (dues, honors, care, transfers). */
    private static boolean ownRecord(Operation operation) {
        List<Kind> kinds = operation.parameters().stream().map(p -> kind(operation, p)).filter(Objects::nonNull)
                .toList();
        return !kinds.isEmpty() && kinds.stream().allMatch(kind -> kind == Kind.MEMBER)
                && operation.path().startsWith("/api/members/{id}");
    }

    private static boolean scopedInPath(Operation operation) {
        return operation.in("path").stream().anyMatch(p -> kind(operation, p) != null);
    }

    private static void sameAsMissing(Cell cell, Cell missing, Fixtures fixtures, Findings findings, Outcome outcome) {
        if (cell.target() != Target.OTHER || missing == null) {
            return;
        }
        String other = normalised(cell.answer(), fixtures);
        String none = normalised(missing.answer(), fixtures);
        if (cell.answer().status() != missing.answer().status() || !other.equals(none)) {
            report(findings, cell, outcome, "another organisation's id is answered differently from an id that does "
                    + "not exist (" + missing.answer().status() + " " + Findings.abbreviate(none, 160) + ")");
        }
    }

    /** The problem's type and detail with every id replaced, so only the shape of the answer is compared. */
    private static String normalised(Answer answer, Fixtures fixtures) {
        String type = "";
        String detail = "";
        try {
            type = Objects.toString(JsonPath.read(answer.body(), "$.type"), "");
            detail = Objects.toString(JsonPath.read(answer.body(), "$.detail"), "");
        }
        catch (RuntimeException e) {
            detail = answer.body();
        }
        for (String id : fixtures.allIds()) {
            detail = detail.replace(id, "{id}");
        }
        return type + " | " + detail.replace(MISSING, "{id}");
    }

    private static void expect(boolean ok, Findings findings, Cell cell, Outcome outcome, String wanted) {
        if (!ok) {
            report(findings, cell, outcome, "expected " + wanted);
        }
    }

    private static void report(Findings findings, Cell cell, Outcome outcome, String problem) {
        Access access = AccessRules.of(cell.operation());
        findings.add(cell.operation().method(), cell.path(), cell.role() + " × " + cell.operation().key() + " × "
                + cell.target() + " (" + access + " → " + outcome + ")", cell.answer(), problem);
    }

    private static String key(Role role, Operation operation, Target target) {
        return role + " " + operation.key() + " " + target;
    }

    // ---- fixtures -------------------------------------------------------------------------------

    /** Real ids in unit A (own) and unit B (other), found in the demo data or created once. */
    record Fixtures(Map<Kind, String> own, Map<Kind, String> other, Map<String, String> secrets) {

        String own(Kind kind) {
            return own.get(kind);
        }

        String other(Kind kind) {
            return other.get(kind);
        }

        /** Strings that must never reach unit A's secretary or member: unit B's ids and personal data. */
        List<String> unitBSecrets() {
            return List.copyOf(secrets.keySet());
        }

        String describe(String secret) {
            return secrets.get(secret);
        }

        List<String> allIds() {
            List<String> ids = new ArrayList<>(own.values());
            ids.addAll(other.values());
            return ids;
        }

        static Fixtures load(String committee, String member) {
            Map<Kind, String> own = new EnumMap<>(Kind.class);
            Map<Kind, String> other = new EnumMap<>(Kind.class);
            own.put(Kind.ORGANIZATION, "branch-a1");
            other.put(Kind.ORGANIZATION, "branch-b1");
            own.put(Kind.UNIT, "unit-a");
            other.put(Kind.UNIT, "unit-b");
            String memberA = JsonPath.read(Platform.get(Platform.GATEWAY + "/api/me", member).body(), "$.memberId");
            own.put(Kind.MEMBER, memberA);
            String unitB = Platform.get(Platform.GATEWAY + "/api/members?organizationId=branch-b1&size=1", committee)
                    .body();
            List<String> ids = JsonPath.read(unitB, "$.content[*].id");
            assertThat(ids).as("the demo data has a member in branch-b1").isNotEmpty();
            other.put(Kind.MEMBER, ids.get(0));
            own.put(Kind.ACTIVITY, activity(committee, "branch-a1"));
            other.put(Kind.ACTIVITY, activity(committee, "branch-b1"));
            own.put(Kind.DONATION, donation(committee, memberA));
            other.put(Kind.DONATION, donation(committee, ids.get(0)));
            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put(other.get(Kind.MEMBER), "member id");
            secrets.put(JsonPath.read(unitB, "$.content[0].idNumber"), "member's citizen id number");
            secrets.put(other.get(Kind.ACTIVITY), "activity id");
            secrets.put(other.get(Kind.DONATION), "donation id");
            return new Fixtures(own, other, secrets);
        }

        /**
         * The matrix's own activity of this branch (never another test's: a wrongly allowed write
         * would change it), planned once: three days ago and cancelled at once, so it offers the web
         * console's users no buttons, sits below today's activities and counts for no compliance.
         */
        private static String activity(String committee, String branch) {
            String found = Platform.get(Platform.GATEWAY + "/api/activities?organizationId=" + branch + "&size=200",
                    committee).body();
            List<Map<String, Object>> activities = JsonPath.read(found, "$.content");
            for (Map<String, Object> activity : activities) {
                if (ACTIVITY_TOPIC.equals(activity.get("topic")) && List.of(branch).equals(activity.get("organizationIds"))) {
                    String id = (String) activity.get("id");
                    return "CANCELLED".equals(activity.get("status")) ? id : cancelled(committee, id);
                }
            }
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).withNano(0);
            String plan = "{\"kind\":\"branch-committee-meeting\",\"organizationIds\":[\"" + branch + "\"],"
                    + "\"topic\":\"" + ACTIVITY_TOPIC + "\",\"startsAt\":\"" + start + "\",\"endsAt\":\""
                    + start.plusHours(1) + "\",\"place\":\"e2e\"}";
            var created = Platform.send("POST", Platform.GATEWAY + "/api/activities", committee, plan);
            assertThat(created.statusCode()).as("planning a fixture activity: " + created.body()).isEqualTo(201);
            return cancelled(committee, JsonPath.read(created.body(), "$.id"));
        }

        /** Cancels the matrix's activity (one planned by an earlier version of this test, too). */
        private static String cancelled(String committee, String id) {
            var cancelled = Platform.send("POST", Platform.GATEWAY + "/api/activities/" + id + "/cancel", committee,
                    "{\"reason\":\"权限矩阵测试用，不召开\"}");
            assertThat(cancelled.statusCode()).as("cancelling the fixture activity: " + cancelled.body())
                    .isBetween(200, 299);
            return id;
        }

        /** A donation of this member: one donated by the committee once (the key makes reruns find the same one). */
        private static String donation(String committee, String memberId) {
            String body = "{\"campaignId\":\"" + CAMPAIGN + "\",\"memberId\":\"" + memberId
                    + "\",\"amount\":\"1.00\",\"channel\":\"ONLINE\"}";
            var donated = Platform.send("POST", Platform.GATEWAY + "/api/donations", committee, body,
                    Map.of("Idempotency-Key", "e2e-authz-fixture-" + memberId));
            assertThat(donated.statusCode()).as("the matrix's fixture donation: " + donated.body()).isIn(200, 201);
            return JsonPath.read(donated.body(), "$.id");
        }
    }
}
