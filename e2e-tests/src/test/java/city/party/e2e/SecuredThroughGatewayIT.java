package city.party.e2e;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real tokens from the real Keycloak ({@code party} realm), through the real gateway, to a real
 * service: the path every frontend and city system takes.
 */
class SecuredThroughGatewayIT {

    private static final String ME = Platform.GATEWAY + "/api/me";

    @Test
    void demoMemberReachesTheirOwnIdentityThroughTheGateway() {
        String token = Keycloak.passwordToken("platform-cli", "member-a", "member-pass");
        HttpResponse<String> response = Platform.get(ME, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.username")).isEqualTo("member-a");
        assertThat((List<String>) JsonPath.read(response.body(), "$.roles")).contains("member");
        assertThat((List<String>) JsonPath.read(response.body(), "$.organizationPaths"))
                .containsExactly("/city/unit-a/branch-a1");
    }

    @Test
    void secretaryAdministersTheirBranch() {
        String token = Keycloak.passwordToken("platform-cli", "secretary-b", "secretary-pass");
        HttpResponse<String> response = Platform.get(ME, token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(response.body(), "$.administeredPaths"))
                .containsExactly("/city/unit-b/branch-b1");
    }

    @Test
    void machineClientUsesClientCredentials() {
        String token = Keycloak.clientCredentialsToken("city-data-exchange", "city-data-exchange-secret");
        HttpResponse<String> response = Platform.get(ME, token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(response.body(), "$.roles")).contains("system-reader");
    }

    @Test
    void machineClientMayReadButNotWrite() {
        String token = Keycloak.clientCredentialsToken("city-data-exchange", "city-data-exchange-secret");
        HttpResponse<String> write = Platform.send("POST", Platform.GATEWAY + "/api/organizations", token, "{}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(write.body()).contains("urn:party-platform:problem:forbidden");
    }

    @Test
    void validTokenWithoutTheNeededRoleIsA403() {
        String member = Keycloak.passwordToken("platform-cli", "member-a", "member-pass");
        assertThat(Platform.get(Platform.GATEWAY + "/actuator/gateway/routes", member).statusCode()).isEqualTo(403);
        String committee = Keycloak.passwordToken("platform-cli", "committee", "committee-pass");
        assertThat(Platform.get(Platform.GATEWAY + "/actuator/gateway/routes", committee).statusCode()).isEqualTo(200);
    }

    @Test
    void expiredTokenIsRejected() throws InterruptedException {
        // This local-only client issues tokens that live 2 seconds; validation allows 10 s of clock skew.
        String token = Keycloak.passwordToken("test-short-lived", "member-a", "member-pass");
        assertThat(Platform.get(ME, token).statusCode()).isEqualTo(200);
        Thread.sleep(13_000);
        assertThat(Platform.get(ME, token).statusCode()).isEqualTo(401);
        assertThat(Platform.get("http://localhost:8081/api/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void noTokenIsA401Problem() {
        HttpResponse<String> response = Platform.get(ME, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void tokenWithoutThePlatformAudienceIsRejectedByGatewayAndService() {
        String token = Keycloak.passwordToken("test-no-audience", "member-a", "member-pass");
        assertThat(Platform.get(ME, token).statusCode()).isEqualTo(401);
        // Defence in depth: the service checks the audience itself, too.
        assertThat(Platform.get("http://localhost:8081/api/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void tokenFromAnotherIssuerIsRejectedByGatewayAndService() {
        String token = Keycloak.masterRealmAdminToken();
        assertThat(Platform.get(ME, token).statusCode()).isEqualTo(401);
        assertThat(Platform.get("http://localhost:8081/api/me", token).statusCode()).isEqualTo(401);
    }

    @Test
    void tamperedTokenIsRejected() {
        String token = Keycloak.passwordToken("platform-cli", "member-a", "member-pass");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"member\"", "\"committee-admin\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        assertThat(Platform.get(ME, forged).statusCode()).isEqualTo(401);
    }
}
