package city.party.e2e.scenario;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import city.party.e2e.CitizenIds;
import city.party.e2e.Keycloak;
import city.party.e2e.Platform;
import city.party.e2e.Sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The faults of the issue that are not the donation surge's: while members are being registered,
 * each service and the gateway are killed outright (SIGKILL) and started again, then the MongoDB
 * server is restarted; afterwards every registration the clerk sent exists exactly once and every
 * consuming service knows every new member. Then Keycloak is stopped: tokens already issued keep
 * working through the gateway, a new login fails at once with a clear error, and nothing else breaks.
 */
public final class ServiceCrashes {

    private static final List<String> CRASHED = List.of("member-service", "activity-service", "honor-service",
            "gateway");

    private final ScenarioCity city;
    private final Api committee;
    /** Minutes since the epoch, modulo ~9.7 days: names and id numbers of this run are new. */
    private final String run = Long.toString(System.currentTimeMillis() / 60_000 % 14_000);
    private final ReadModels probes;

    public ServiceCrashes(ScenarioCity city) {
        this.city = city;
        this.committee = city.committee();
        this.probes = new ReadModels(committee, run);
    }

    public void run() {
        List<String> branches = city.units().stream().map(unit -> unit.branches().get(0)).toList();
        Registrations registrations = new Registrations(branches);
        Thread load = new Thread(registrations, "scenario-registrations");
        load.start();
        try {
            for (String part : CRASHED) {
                Sleep.of(Duration.ofSeconds(3));
                Platform.crashAndRestart(part);
            }
            Sleep.of(Duration.ofSeconds(3));
            Platform.platform("down", "mongo");
            Platform.platform("up", "mongo");
            Sleep.of(Duration.ofSeconds(3));
        }
        finally {
            registrations.stop.set(true);
            join(load);
        }
        assertThat(registrations.failures).as("registrations that never succeeded").isEmpty();
        Map<String, String> registered = registrations.registered; // name -> branch
        assertThat(registered).as("registrations sent under the faults").hasSizeGreaterThan(10);
        Map<String, String> branchOfId = new LinkedHashMap<>();
        for (Map.Entry<String, String> member : registered.entrySet()) {
            Api.Answer found = committee.get("/api/members?name="
                    + java.net.URLEncoder.encode(member.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "&size=5").expect(200);
            assertThat((Integer) found.read("$.totalElements")).as("members named %s", member.getKey()).isEqualTo(1);
            branchOfId.put(found.read("$.content[0].id"), member.getValue());
        }
        everyConsumerKnows(branchOfId);
        System.out.printf("scenario crashes: %d registrations while %s were killed and mongo restarted; each "
                + "exactly once, known to every consumer%n", registered.size(), CRASHED);
        keycloakDown();
    }

    /** {@code branchOfId}: member id → the branch it was registered in. */
    private void everyConsumerKnows(Map<String, String> branchOfId) {
        Map<String, List<String>> byBranch = new LinkedHashMap<>();
        branchOfId.forEach((id, branch) -> byBranch.computeIfAbsent(branch, b -> new ArrayList<>()).add(id));
        for (Map.Entry<String, List<String>> branch : byBranch.entrySet()) {
            String activity = probes.planToday(branch.getKey(), "故障后核对");
            try {
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(
                        probes.expectedAttendees(activity)).containsAll(branch.getValue()));
            }
            finally {
                probes.cancel(activity);
            }
        }
        String program = probes.honorProgram("故障后核对");
        String campaign = probes.openCampaign("crash-check");
        try {
            for (String id : branchOfId.keySet()) {
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    assertThat(probes.criterionMet(program, id, "full-member")).as("honor-service knows %s as a full member", id)
                            .isTrue();
                    assertThat(probes.donate(campaign, id).status()).as("donation-service knows %s", id)
                            .isIn(200, 201);
                });
            }
        }
        finally {
            probes.close(campaign);
        }
    }

    private void keycloakDown() {
        // a token fetched just now lives five minutes: long enough for this check
        String token = Keycloak.passwordToken("platform-cli", "committee", "committee-pass");
        Platform.platform("down", "keycloak");
        try {
            Api withIssuedToken = new Api(Platform.GATEWAY, () -> token);
            withIssuedToken.get("/api/members?size=1").expect(200);
            withIssuedToken.get("/api/activities?size=1").expect(200);
            withIssuedToken.get("/api/donation-campaigns?size=1").expect(200);
            withIssuedToken.get("/api/honor-programs?size=1").expect(200);
            long started = System.nanoTime();
            assertThatThrownBy(() -> Keycloak.passwordToken("platform-cli", "committee", "committee-pass"))
                    .as("a new login while Keycloak is down").isInstanceOf(IllegalStateException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the refusal comes at once, no hang")
                    .isLessThan(Duration.ofSeconds(10));
            // the register keeps working; Keycloak catches up when it is back (IdentitySyncIT)
            String first17 = String.format("650302%s%03d", LocalDate.of(1975, 1, 1)
                    .plusDays(Long.parseLong(run)).toString().replace("-", ""), 999);
            withIssuedToken.post("/api/members", Map.of("name", "七一离线" + run, "idNumber",
                    CitizenIds.withCheckCharacter(first17), "organizationId", city.units().get(0).branches().get(0),
                    "stage", "FULL", "joinedPartyOn", "2010-07-01", "fullMemberOn", "2011-07-01")).expect(201);
        }
        finally {
            Platform.platform("up", "keycloak");
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofMinutes(5).toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clerk registering new members one after another, retrying what the faults interrupt. */
    private final class Registrations implements Runnable {

        final AtomicBoolean stop = new AtomicBoolean();
        final Map<String, String> registered = new ConcurrentHashMap<>();
        final List<String> failures = new ArrayList<>();
        private final List<String> branches;

        Registrations(List<String> branches) {
            this.branches = branches;
        }

        @Override
        public void run() {
            LocalDate birth = LocalDate.of(1975, 1, 1).plusDays(Long.parseLong(run));
            for (int n = 0; !stop.get() && n < 998; n++) {
                String name = "七一故障" + run + "-" + n + "号"; // "…-1号" is no part of "…-11号"
                String branch = branches.get(n % branches.size());
                String first17 = "650302" + birth.toString().replace("-", "") + String.format("%03d", n);
                Map<String, Object> body = Map.of("name", name, "idNumber", CitizenIds.withCheckCharacter(first17),
                        "organizationId", branch, "stage", "FULL", "joinedPartyOn", "2010-07-01", "fullMemberOn",
                        "2011-07-01");
                if (register(body)) {
                    registered.put(name, branch);
                }
                else {
                    failures.add(name);
                }
                Sleep.of(Duration.ofMillis(200));
            }
        }

        /** Sent again until it is in (201) or known to be in already (409: the id number exists). */
        private boolean register(Map<String, Object> body) {
            for (int attempt = 0; attempt < 60; attempt++) {
                Api.Answer answer;
                try {
                    answer = committee.post("/api/members", body);
                }
                catch (RuntimeException unreachable) {
                    Sleep.of(Duration.ofSeconds(1));
                    continue;
                }
                if (answer.status() == 201 || answer.status() == 409) {
                    return true;
                }
                Sleep.of(Duration.ofSeconds(1));
            }
            return false;
        }
    }
}
