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
 * members with an account get a Keycloak user in their organisation's group with the member role.
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
        create("/api/members", "{\"name\":\"测试党员\",\"idNumber\":\"" + idNumber(suffix) + "\","
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
