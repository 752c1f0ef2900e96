package city.party.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * honor-service through the gateway with real tokens: the public roll and notices need no login
 * and hold no personal data; the demo programme is open; eligibility is worked out from the
 * member facts honor-service learnt from member-service's events.
 */
class HonorsThroughGatewayIT {

    private static final String PROGRAMME = "demo-july-first";

    @Test
    void thePublicSeesOnlyWhatIsPublishedAndEligibilityComesFromRealEvents() {
        HttpResponse<String> roll = Platform.get(Platform.GATEWAY + "/api/honor-roll", null);
        assertThat(roll.statusCode()).isEqualTo(200);
        HttpResponse<String> notices = Platform.get(Platform.GATEWAY + "/api/honor-roll/notices", null);
        assertThat(notices.statusCode()).isEqualTo(200);
        HttpResponse<String> anonymousNominations = Platform.get(Platform.GATEWAY + "/api/nominations", null);
        assertThat(anonymousNominations.statusCode()).isEqualTo(401);

        String committee = Keycloak.passwordToken("platform-cli", "committee", "committee-pass");
        HttpResponse<String> programme = Platform.get(Platform.GATEWAY + "/api/honor-programs/" + PROGRAMME, committee);
        assertThat(programme.statusCode()).as(programme.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(programme.body(), "$.categories[*].code"))
                .contains("outstanding-member");

        String member = Keycloak.passwordToken("platform-cli", "member-a", "member-pass");
        String memberId = JsonPath.read(Platform.get(Platform.GATEWAY + "/api/me", member).body(), "$.memberId");
        // member-service's events reach honor-service's read model: member-a is known as a full member
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> eligibility = Platform.get(Platform.GATEWAY + "/api/nominations/eligibility?programId="
                    + PROGRAMME + "&memberId=" + memberId, committee);
            assertThat(eligibility.statusCode()).as(eligibility.body()).isEqualTo(200);
            assertThat((List<Boolean>) JsonPath.read(eligibility.body(), "$.criteria[?(@.code=='full-member')].met"))
                    .containsExactly(true);
        });
        // a member who is not an administrator cannot nominate
        HttpResponse<String> nominate = Platform.send("POST", Platform.GATEWAY + "/api/nominations", member,
                "{\"programId\":\"" + PROGRAMME + "\",\"category\":\"outstanding-member\",\"nomineeType\":\"MEMBER\","
                        + "\"nomineeId\":\"" + memberId + "\",\"deeds\":\"" + "长期坚守岗位，带头参加志愿服务。".repeat(3) + "\"}");
        assertThat(nominate.statusCode()).isEqualTo(403);
    }
}
