package city.party.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** `./platform up` on an empty state seeds a demo city that the demo logins can work with. */
class DemoCityIT {

    @Test
    void demoLoginsFindTheirOrganisationsAndMembers() {
        String committee = Keycloak.passwordToken("platform-cli", "committee", "committee-pass");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> units = Platform.get(Platform.GATEWAY + "/api/organizations?parentId=city", committee);
            assertThat(units.statusCode()).isEqualTo(200);
            assertThat((List<String>) JsonPath.read(units.body(), "$[*].id"))
                    .contains("unit-a", "unit-b", "unit-c", "unit-d", "unit-e", "unit-f");
            HttpResponse<String> all = Platform.get(Platform.GATEWAY + "/api/members?size=1", committee);
            assertThat((Integer) JsonPath.read(all.body(), "$.totalElements")).isGreaterThanOrEqualTo(250);
        });

        String secretary = Keycloak.passwordToken("platform-cli", "secretary-a", "secretary-pass");
        HttpResponse<String> branch = Platform.get(Platform.GATEWAY + "/api/members?size=200", secretary);
        assertThat(branch.statusCode()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(branch.body(), "$.totalElements")).isPositive();
        assertThat((List<String>) JsonPath.read(branch.body(), "$.content[*].organizationId")).containsOnly("branch-a1");

        String member = Keycloak.passwordToken("platform-cli", "member-a", "member-pass");
        HttpResponse<String> me = Platform.get(Platform.GATEWAY + "/api/me", member);
        String memberId = JsonPath.read(me.body(), "$.memberId");
        assertThat(memberId).isNotBlank();
        HttpResponse<String> own = Platform.get(Platform.GATEWAY + "/api/members/" + memberId, member);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(own.body(), "$.name")).isEqualTo("陈明");
    }
}
