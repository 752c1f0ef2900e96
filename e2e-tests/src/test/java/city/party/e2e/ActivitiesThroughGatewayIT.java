package city.party.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * activity-service through the gateway with real tokens: a branch secretary records a committee
 * meeting with attendance taken from the member read model (fed by member-service's events), the
 * member sees their own attendance, the 工委 sees compliance for the whole city.
 */
class ActivitiesThroughGatewayIT {

    @Test
    void aSecretaryRecordsAMeetingAndComplianceAndAttendanceFollow() {
        String secretary = Keycloak.passwordToken("platform-cli", "secretary-a", "secretary-pass");
        String member = Keycloak.passwordToken("platform-cli", "member-a", "member-pass");
        String committee = Keycloak.passwordToken("platform-cli", "committee", "committee-pass");
        String memberId = JsonPath.read(Platform.get(Platform.GATEWAY + "/api/me", member).body(), "$.memberId");

        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).withNano(0);
        String plan = "{\"kind\":\"branch-committee-meeting\",\"organizationIds\":[\"branch-a1\"],"
                + "\"topic\":\"研究部署本月支部工作\",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plusHours(1)
                + "\",\"place\":\"三楼会议室\"}";
        // the organisation must have reached activity-service's read model first
        HttpResponse<String> planned = await().atMost(Duration.ofSeconds(60)).until(
                () -> Platform.send("POST", Platform.GATEWAY + "/api/activities", secretary, plan),
                response -> response.statusCode() == 201);
        String id = JsonPath.read(planned.body(), "$.id");
        assertThat((List<String>) JsonPath.read(planned.body(), "$.organizationIds")).containsExactly("branch-a1");

        HttpResponse<String> badTimes = Platform.send("POST", Platform.GATEWAY + "/api/activities", secretary,
                plan.replace(start.plusHours(1).toString(), start.minusHours(1).toString()));
        assertThat(badTimes.statusCode()).isBetween(400, 422);
        assertThat(badTimes.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        assertThat(Platform.send("POST", Platform.GATEWAY + "/api/activities/" + id + "/hold", secretary, "{}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> attendance = Platform.send("PUT", Platform.GATEWAY + "/api/activities/" + id
                + "/attendance", secretary, "{\"entries\":[{\"memberId\":\"" + memberId + "\",\"attendance\":\"PRESENT\"}]}");
        assertThat(attendance.statusCode()).as(attendance.body()).isEqualTo(200);
        HttpResponse<String> stranger = Platform.send("PUT", Platform.GATEWAY + "/api/activities/" + id
                + "/attendance", secretary, "{\"entries\":[{\"memberId\":\"no-such-member\",\"attendance\":\"PRESENT\"}]}");
        assertThat(stranger.statusCode()).isBetween(400, 422);

        HttpResponse<String> mine = Platform.get(Platform.GATEWAY + "/api/activities/attendance/mine", member);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains(id);

        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        HttpResponse<String> branch = Platform.get(Platform.GATEWAY + "/api/compliance?organizationId=branch-a1&period="
                + month, secretary);
        assertThat(branch.statusCode()).as(branch.body()).isEqualTo(200);
        assertThat((List<Integer>) JsonPath.read(branch.body(), "$.kinds[?(@.kind=='branch-committee-meeting')].held"))
                .singleElement().satisfies(held -> assertThat(held).isGreaterThanOrEqualTo(1));

        HttpResponse<String> city = Platform.get(Platform.GATEWAY + "/api/compliance?organizationId=city&period="
                + month, committee);
        assertThat(city.statusCode()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(city.body(), "$.subtree.organizations")).isPositive();
        assertThat(Platform.get(Platform.GATEWAY + "/api/compliance?organizationId=city&period=" + month, secretary)
                .statusCode()).as("a branch secretary does not see the whole city").isIn(403, 404);
    }
}
