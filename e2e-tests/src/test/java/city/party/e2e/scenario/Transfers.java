package city.party.e2e.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Members move to a branch of another unit mid-scenario (letter issued by the sending side,
 * accepted by the receiving side), and every service's read model follows: the register, the
 * activities' expected attendees, the unit a donation is counted for, and honor eligibility
 * (not "active" while the transfer is under way, eligible again once it is accepted).
 */
public final class Transfers {

    private final ScenarioCity city;
    private final Api committee;
    private final ReadModels probes;

    public Transfers(ScenarioCity city) {
        this.city = city;
        this.committee = city.committee();
        this.probes = new ReadModels(committee, Long.toString(System.currentTimeMillis(), 36));
    }

    /** A member moving from one branch to a branch of the next unit. */
    record Move(String memberId, String fromBranch, String toBranch, String toUnit) {
    }

    public void run() {
        List<Move> moves = chooseMoves();
        String program = probes.honorProgram("调动核对");
        for (Move move : moves) {
            Api.Answer member = committee.get("/api/members/" + move.memberId()).expect(200);
            // full members only: honor eligibility is checked on them below
            assertThat((String) member.read("$.stage")).isEqualTo("FULL");
            String version = String.valueOf((Integer) member.read("$.version"));
            committee.post("/api/members/" + move.memberId() + "/transfers", Map.of("toOrganizationId",
                    move.toBranch(), "reason", "七一场景：工作调动"), Map.of("If-Match", "\"" + version + "\""))
                    .expect(201);
        }
        // while a transfer is under way the member is not "active" for a commendation
        for (Move move : moves) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(probes.criterionMet(program,
                    move.memberId(), "active")).as("honor-service sees %s in transfer", move.memberId()).isFalse());
        }
        for (Move move : moves) {
            Api.Answer transfers = committee.get("/api/members/" + move.memberId() + "/transfers").expect(200);
            String pending = ((List<String>) transfers.read("$[?(@.status == 'ISSUED')].id")).get(0);
            committee.post("/api/members/" + move.memberId() + "/transfers/" + pending + "/acceptance",
                    Map.of("note", "已接收")).expect(200);
            Api.Answer moved = committee.get("/api/members/" + move.memberId()).expect(200);
            assertThat((String) moved.read("$.organizationId")).isEqualTo(move.toBranch());
            assertThat((String) moved.read("$.status")).isEqualTo("ACTIVE");
        }
        activitiesExpectThemInTheirNewBranch(moves);
        donationsCountForTheirNewUnit(moves);
        for (Move move : moves) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(probes.criterionMet(program,
                    move.memberId(), "active")).as("honor-service sees %s active again", move.memberId()).isTrue());
        }
        System.out.printf("scenario transfers: %d members moved between units; member, activity, donation and "
                + "honor read models followed%n", moves.size());
    }

    /** One member from each of a few branches (city scale: 20) moves to the same-numbered branch of the next unit. */
    private List<Move> chooseMoves() {
        Random random = new Random(city.scale().seed() + System.currentTimeMillis());
        List<ScenarioCity.Unit> units = city.units();
        int count = Math.min(units.size(), city.scale().name().equals("city") ? 20 : 2);
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ScenarioCity.Unit from = units.get(i);
            ScenarioCity.Unit to = units.get((i + 1) % units.size());
            int branch = random.nextInt(from.branches().size());
            String fromBranch = from.branches().get(branch);
            String toBranch = to.branches().get(branch);
            // whoever is in the branch now (earlier runs moved some): read it, not the city's first list
            List<String> candidates = city.committee().get("/api/members?organizationId=" + fromBranch
                    + "&stage=FULL&status=ACTIVE&size=50&sort=name").expect(200).read("$.content[*].id");
            assertThat(candidates).as("full members in %s", fromBranch).isNotEmpty();
            moves.add(new Move(candidates.get(random.nextInt(candidates.size())), fromBranch, toBranch, to.id()));
        }
        return moves;
    }

    /** Today's activity of the new branch expects them; today's activity of the old one does not. */
    private void activitiesExpectThemInTheirNewBranch(List<Move> moves) {
        for (Move move : moves) {
            String inNew = probes.planToday(move.toBranch(), "调动核对");
            String inOld = probes.planToday(move.fromBranch(), "调动核对");
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(probes.expectedAttendees(inNew)).contains(move.memberId());
                    assertThat(probes.expectedAttendees(inOld)).doesNotContain(move.memberId());
                });
            }
            finally {
                probes.cancel(inNew);
                probes.cancel(inOld);
            }
        }
    }

    /** A donation made after the move is counted for the new unit. */
    private void donationsCountForTheirNewUnit(List<Move> moves) {
        String campaign = probes.openCampaign("transfer-check");
        try {
            for (Move move : moves) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat((String) probes
                        .donate(campaign, move.memberId()).expect(201, 200).read("$.unitId"))
                        .as("unit of %s's donation", move.memberId()).isEqualTo(move.toUnit()));
            }
        }
        finally {
            probes.close(campaign);
        }
    }
}
