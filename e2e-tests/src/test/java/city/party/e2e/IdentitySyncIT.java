package city.party.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The register mirrored into the real Keycloak: organisations become groups at the same path,
 * members with an account get a Keycloak user in their organisation's group with the member role,
 * and lose it (the account disabled) when their membership ends.
 * With Keycloak down, changes still succeed and the mirror catches up once it is back.
 */
class IdentitySyncIT {

    private static final String ADMIN_API = Keycloak.URL + "/admin/realms/party";
    private final String committee = Keycloak.passwordToken("platform-cli", "committee", "committee-pass");

    private HttpResponse<String> create(String path, String body) {
        HttpResponse<String> response = Platform.send("POST", Platform.GATEWAY + path, committee, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static int groupStatus(String path) {
        return Platform.get(ADMIN_API + "/group-by-path" + path, Keycloak.masterRealmAdminToken()).statusCode();
    }

    @Test
    void organisationsAndMemberAccountsAppearInKeycloak() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        create("/api/organizations", "{\"id\":\"e2e-unit-" + suffix + "\",\"name\":\"测试单位\",\"type\":\"UNIT\","
                + "\"parentId\":\"city\"}");
        create("/api/organizations", "{\"id\":\"e2e-branch-" + suffix + "\",\"name\":\"测试支部\",\"type\":\"BRANCH\","
                + "\"parentId\":\"e2e-unit-" + suffix + "\"}");
        String groupPath = "/city/e2e-unit-" + suffix + "/e2e-branch-" + suffix;
        await().atMost(Duration.ofSeconds(60)).until(() -> groupStatus(groupPath) == 200);

        String username = "e2e-" + suffix;
        HttpResponse<String> registered = create("/api/members", "{\"name\":\"测试党员\",\"idNumber\":\"" + idNumber(suffix) + "\","
                + "\"organizationId\":\"e2e-branch-" + suffix + "\",\"stage\":\"APPLICANT\","
                + "\"appliedOn\":\"2026-01-05\",\"username\":\"" + username + "\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String admin = Keycloak.masterRealmAdminToken();
            HttpResponse<String> users = Platform.get(ADMIN_API + "/users?exact=true&username=" + username, admin);
            List<String> ids = JsonPath.read(users.body(), "$[*].id");
            assertThat(ids).hasSize(1);
            HttpResponse<String> groups = Platform.get(ADMIN_API + "/users/" + ids.get(0) + "/groups", admin);
            assertThat((List<String>) JsonPath.read(groups.body(), "$[*].path")).contains(groupPath);
            HttpResponse<String> roles = Platform.get(ADMIN_API + "/users/" + ids.get(0) + "/role-mappings/realm",
                    admin);
            assertThat((List<String>) JsonPath.read(roles.body(), "$[*].name")).contains("member");
        });

        // She leaves the party: her account loses the member role and her branch, and is disabled.
        String memberId = JsonPath.read(registered.body(), "$.id");
        // (the sync records the provisioned account on the member too: a 409 means "read it again")
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> current = Platform.get(Platform.GATEWAY + "/api/members/" + memberId, committee);
            String etag = current.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> left = Platform.send("POST", Platform.GATEWAY + "/api/members/" + memberId
                    + "/status-changes", committee, "{\"status\":\"LEFT\",\"effectiveOn\":\"2026-11-01\","
                    + "\"reason\":\"本人申请退党\"}", java.util.Map.of("If-Match", etag));
            assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String admin = Keycloak.masterRealmAdminToken();
            HttpResponse<String> users = Platform.get(ADMIN_API + "/users?exact=true&username=" + username, admin);
            assertThat((List<Boolean>) JsonPath.read(users.body(), "$[*].enabled")).containsExactly(false);
            String id = JsonPath.read(users.body(), "$[0].id");
            assertThat((List<String>) JsonPath.read(Platform.get(ADMIN_API + "/users/" + id + "/groups", admin).body(),
                    "$[*].path")).doesNotContain(groupPath);
        });
    }

    /**
     * Belonging is not administering: the secretary of one branch who is a registered member of
     * another gets that branch's group (belongs) and the first branch's administrators subgroup
     * (administers) — and her token lets her administer only the first.
     */
    @Test
    void anAdministratorOfOneBranchWhoIsAMemberOfAnotherAdministersOnlyTheFirst() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String unit = "e2e-adm-unit-" + suffix;
        String administered = "e2e-adm-x-" + suffix;
        String belongs = "e2e-adm-y-" + suffix;
        create("/api/organizations", "{\"id\":\"" + unit + "\",\"name\":\"测试单位\",\"type\":\"UNIT\","
                + "\"parentId\":\"city\"}");
        for (String branch : List.of(administered, belongs)) {
            create("/api/organizations", "{\"id\":\"" + branch + "\",\"name\":\"测试支部\",\"type\":\"BRANCH\","
                    + "\"parentId\":\"" + unit + "\"}");
        }
        String username = "e2e-adm-" + suffix;
        create("/api/members", "{\"name\":\"测试书记\",\"idNumber\":\"" + idNumber("adm" + suffix) + "\","
                + "\"organizationId\":\"" + belongs + "\",\"stage\":\"APPLICANT\","
                + "\"appliedOn\":\"2026-01-05\",\"username\":\"" + username + "\"}");
        HttpResponse<String> assigned = Platform.send("PUT", Platform.GATEWAY + "/api/organizations/" + administered
                + "/administrators/" + username, committee, null);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);

        String unitPath = "/city/" + unit;
        String[] userId = new String[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String admin = Keycloak.masterRealmAdminToken();
            List<String> ids = JsonPath.read(Platform.get(ADMIN_API + "/users?exact=true&username=" + username, admin)
                    .body(), "$[*].id");
            assertThat(ids).hasSize(1);
            userId[0] = ids.get(0);
            List<String> paths = JsonPath.read(Platform.get(ADMIN_API + "/users/" + ids.get(0) + "/groups", admin)
                    .body(), "$[*].path");
            assertThat(paths).containsExactlyInAnyOrder(unitPath + "/" + belongs,
                    unitPath + "/" + administered + "/_administrators");
        });

        // Give her a password as an activation would, and look at what her token lets her do.
        HttpResponse<String> password = Platform.send("PUT", ADMIN_API + "/users/" + userId[0] + "/reset-password",
                Keycloak.masterRealmAdminToken(), "{\"type\":\"password\",\"value\":\"e2e-pass-" + suffix
                        + "\",\"temporary\":false}");
        assertThat(password.statusCode()).as(password.body()).isEqualTo(204);
        // ...and complete her profile as she would at first login (the realm asks for e-mail and names).
        HttpResponse<String> profile = Platform.send("PUT", ADMIN_API + "/users/" + userId[0],
                Keycloak.masterRealmAdminToken(), "{\"username\":\"" + username + "\",\"firstName\":\"书记\","
                        + "\"lastName\":\"测\",\"email\":\"" + username + "@party.example\","
                        + "\"emailVerified\":true,\"enabled\":true,\"requiredActions\":[]}");
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(204);
        String token = Keycloak.passwordToken("platform-cli", username, "e2e-pass-" + suffix);
        HttpResponse<String> me = Platform.get(Platform.GATEWAY + "/api/me", token);
        assertThat((List<String>) JsonPath.read(me.body(), "$.administeredPaths"))
                .containsExactly(unitPath + "/" + administered);
        assertThat((List<String>) JsonPath.read(me.body(), "$.organizationPaths"))
                .containsExactly(unitPath + "/" + belongs);
        assertThat(Platform.get(Platform.GATEWAY + "/api/organizations/" + administered, token).statusCode())
                .isEqualTo(200);
        assertThat(Platform.get(Platform.GATEWAY + "/api/organizations/" + belongs, token).statusCode())
                .as("her own branch is not hers to administer").isEqualTo(404);
    }

    @Test
    void changesMadeWhileKeycloakIsDownAreMirroredOnceItIsBack() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Platform.platform("down", "keycloak");
        try {
            // Tokens issued before keep working (the signing keys are cached): the register carries on.
            create("/api/organizations", "{\"id\":\"e2e-offline-" + suffix + "\",\"name\":\"离线单位\","
                    + "\"type\":\"UNIT\",\"parentId\":\"city\"}");
        }
        finally {
            Platform.platform("up", "keycloak");
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> groupStatus("/city/e2e-offline-" + suffix) == 200);
    }

    /** A valid citizen id number, different per test run. */
    private static String idNumber(String suffix) {
        int sequence = Math.floorMod(suffix.hashCode(), 1000);
        String first17 = String.format("110101199001%02d%03d", 1 + Math.floorMod(suffix.hashCode(), 28), sequence);
        return CitizenIds.withCheckCharacter(first17);
    }
}
