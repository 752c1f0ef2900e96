package city.party.e2e.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import city.party.e2e.CitizenIds;
import city.party.e2e.Platform;
import city.party.e2e.Sleep;
import city.party.e2e.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario's city, generated from a seed: units under the committee ({@code jul1-u01} …),
 * branches in each ({@code jul1-u01-b01} …) and members in each branch, registered as a unit's
 * clerk would — one import file per unit, through the gateway. Building it again on the same
 * platform changes nothing (organisations exist, an import skips members it already has), so the
 * scenario can run repeatedly; its later steps name their own campaigns and programmes per run.
 */
public final class ScenarioCity {

    /** A unit and its branches; {@code members} maps each branch to its member ids. */
    public record Unit(String id, String name, List<String> branches, Map<String, List<String>> members) {
    }

    private final Scale scale;
    private final Api committee;
    private final Tokens committeeToken;
    private final List<Unit> units = new ArrayList<>();

    private ScenarioCity(Scale scale, Tokens committeeToken) {
        this.scale = scale;
        this.committeeToken = committeeToken;
        this.committee = new Api(Platform.GATEWAY, committeeToken);
    }

    /** Builds (or finds) the city of this scale and reads back every member id. */
    public static ScenarioCity build(Scale scale) {
        ScenarioCity city = new ScenarioCity(scale, Tokens.password("committee", "committee-pass"));
        city.organisations();
        city.members();
        return city;
    }

    public Scale scale() {
        return scale;
    }

    public List<Unit> units() {
        return units;
    }

    /** Committee staff (committee-admin) through the gateway. */
    public Api committee() {
        return committee;
    }

    public Tokens committeeToken() {
        return committeeToken;
    }

    public List<String> allMembers() {
        return units.stream().flatMap(u -> u.members().values().stream()).flatMap(List::stream).toList();
    }

    static String unitId(int unit) {
        return String.format("jul1-u%02d", unit);
    }

    static String branchId(int unit, int branch) {
        return String.format("jul1-u%02d-b%02d", unit, branch);
    }

    private void organisations() {
        for (int u = 1; u <= scale.units(); u++) {
            String unitId = unitId(u);
            String name = String.format("七一场景第%02d委办局", u);
            create(unitId, name, "UNIT", "city");
            List<String> branches = new ArrayList<>();
            for (int b = 1; b <= scale.branchesPerUnit(); b++) {
                branches.add(branchId(u, b));
                create(branchId(u, b), String.format("%s第%02d党支部", name, b), "BRANCH", unitId);
            }
            units.add(new Unit(unitId, name, branches, new LinkedHashMap<>()));
        }
    }

    private void create(String id, String name, String type, String parentId) {
        committee.post("/api/organizations", Map.of("id", id, "name", name, "type", type, "parentId", parentId))
                .expect(201, 409);
    }

    private void members() {
        Random random = new Random(scale.seed());
        int sequence = 0;
        // each scale its own region code: a small city and a big one on one platform never share a member
        String region = scale.name().equals("city") ? "650202" : "650201";
        for (Unit unit : units) {
            StringBuilder csv = new StringBuilder("姓名,性别,公民身份号码,人员类别,所在党支部,入党日期,转正日期,联系电话\n");
            for (String branch : unit.branches()) {
                for (int m = 0; m < scale.membersPerBranch(); m++, sequence++) {
                    // birth dates spread over 1960–1999, the sequence keeps numbers distinct; the 17th
                    // digit (the sequence's last) is odd for men, as the register checks
                    int day = sequence / 1000;
                    String first17 = String.format("%s%04d%02d%02d%03d", region, 1960 + day / 336 % 40,
                            1 + day % 336 / 28, 1 + day % 28, sequence % 1000);
                    boolean probationary = random.nextInt(10) == 0;
                    csv.append(String.format("七一党员%06d,%s,%s,%s,%s,%s,%s,139%08d%n", sequence,
                            sequence % 2 == 1 ? "男" : "女", CitizenIds.withCheckCharacter(first17),
                            probationary ? "预备党员" : "正式党员", branch,
                            probationary ? "2026-03-01" : "2005-07-01", probationary ? "" : "2006-07-01", sequence));
                }
            }
            importFile(unit.id(), csv.toString(), unit.branches().size() * scale.membersPerBranch());
        }
        for (Unit unit : units) {
            for (String branch : unit.branches()) {
                unit.members().put(branch, memberIds(branch));
            }
        }
        // earlier runs may have moved or added members here (transfers, registrations under faults)
        assertThat(allMembers()).as("members of the city's branches").hasSizeGreaterThanOrEqualTo(scale.members()
                - 2 * scale.units());
    }

    private void importFile(String unitId, String csv, int rows) {
        String boundary = UUID.randomUUID().toString();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + unitId
                + ".csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY
                + "/api/members/import?organizationId=" + unitId))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        String path = URI.create(job).getPath();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            Api.Answer progress = committee.get(path).expect(200);
            String status = progress.read("$.status");
            if (status.equals("COMPLETED")) {
                // a first run creates every row, a later one finds them all registered already
                assertThat((Integer) progress.read("$.created") + (Integer) progress.read("$.skippedExisting"))
                        .as("rows of %s created or already registered: %s", unitId, progress.body()).isEqualTo(rows);
                return;
            }
            assertThat(status).as("import of %s: %s", unitId, progress.body()).isIn("VALIDATING", "IMPORTING");
            assertThat(System.nanoTime()).as("import of %s finished in time", unitId).isLessThan(deadline);
            Sleep.of(Duration.ofMillis(500));
        }
    }

    private List<String> memberIds(String branch) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            Api.Answer answer = committee.get("/api/members?organizationId=" + branch + "&size=200&page=" + page
                    + "&sort=name").expect(200);
            List<String> content = answer.read("$.content[*].id");
            ids.addAll(content);
            if (content.size() < 200) {
                return ids;
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + committeeToken.get())
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


}
