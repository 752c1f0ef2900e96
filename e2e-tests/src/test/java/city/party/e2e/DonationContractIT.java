package city.party.e2e;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The donation contract other city systems rely on, through the gateway with real Keycloak
 * tokens: the demo's open campaign, an idempotent donation with a receipt, exact progress, and
 * the public ledger that needs no login.
 */
class DonationContractIT {

    private static final String CAMPAIGN = "demo-epidemic-relief";

    @Test
    void aMemberDonatesOnceWhateverTheRetriesAndEveryoneSeesTheLedger() {
        String member = Keycloak.passwordToken("platform-cli", "member-a", "member-pass");
        String committee = Keycloak.passwordToken("platform-cli", "committee", "committee-pass");
        String memberId = JsonPath.read(Platform.get(Platform.GATEWAY + "/api/me", member).body(), "$.memberId");

        // the demo data has one open campaign; donation-service knows member-a from member events
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> campaigns = Platform.get(Platform.GATEWAY + "/api/donation-campaigns", committee);
            assertThat(campaigns.statusCode()).isEqualTo(200);
            assertThat(campaigns.body()).contains(CAMPAIGN);
        });
        HttpResponse<String> before = Platform.get(Platform.GATEWAY + "/api/donation-campaigns/" + CAMPAIGN
                + "/progress", committee);
        assertThat(before.statusCode()).isEqualTo(200);
        BigDecimal totalBefore = new BigDecimal((String) JsonPath.read(before.body(), "$.total"));
        int countBefore = JsonPath.read(before.body(), "$.count");

        String key = UUID.randomUUID().toString();
        String body = "{\"campaignId\":\"" + CAMPAIGN + "\",\"memberId\":\"" + memberId
                + "\",\"amount\":\"100.00\",\"channel\":\"ONLINE\"}";
        HttpResponse<String> first = await().atMost(Duration.ofSeconds(60)).until(
                () -> Platform.send("POST", Platform.GATEWAY + "/api/donations", member, body,
                        Map.of("Idempotency-Key", key)),
                response -> response.statusCode() != 422 || !response.body().contains("member"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String id = JsonPath.read(first.body(), "$.id");
        String receipt = JsonPath.read(first.body(), "$.receiptNumber");
        assertThat(receipt).isNotBlank();

        HttpResponse<String> retry = Platform.send("POST", Platform.GATEWAY + "/api/donations", member, body,
                Map.of("Idempotency-Key", key));
        assertThat(retry.statusCode()).isIn(200, 201);
        assertThat((String) JsonPath.read(retry.body(), "$.id")).isEqualTo(id);
        assertThat((String) JsonPath.read(retry.body(), "$.receiptNumber")).isEqualTo(receipt);

        HttpResponse<String> changed = Platform.send("POST", Platform.GATEWAY + "/api/donations", member,
                body.replace("100.00", "200.00"), Map.of("Idempotency-Key", key));
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(changed.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        HttpResponse<String> noKey = Platform.send("POST", Platform.GATEWAY + "/api/donations", member, body);
        assertThat(noKey.statusCode()).isEqualTo(400);
        for (String amount : List.of("1e3", "-5", "0.001", "abc")) {
            HttpResponse<String> bad = Platform.send("POST", Platform.GATEWAY + "/api/donations", member,
                    body.replace("100.00", amount), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertThat(bad.statusCode()).as(amount).isEqualTo(400);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> after = Platform.get(Platform.GATEWAY + "/api/donation-campaigns/" + CAMPAIGN
                    + "/progress", committee);
            assertThat(new BigDecimal((String) JsonPath.read(after.body(), "$.total")))
                    .isEqualByComparingTo(totalBefore.add(new BigDecimal("100.00")));
            assertThat((Integer) JsonPath.read(after.body(), "$.count")).isEqualTo(countBefore + 1);
        });

        HttpResponse<String> ledger = Platform.get(Platform.GATEWAY + "/api/donation-campaigns/" + CAMPAIGN
                + "/ledger", null);
        assertThat(ledger.statusCode()).isEqualTo(200);
        // no member id ever; this donation (no consent to publish) appears only in the unit's total —
        // earlier donations of the same member with consent (web console tests) may name her
        assertThat(ledger.body()).doesNotContain(memberId).doesNotContain(receipt);

        HttpResponse<String> mine = Platform.get(Platform.GATEWAY + "/api/donations", member);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(mine.body(), "$.content[*].memberId")).containsOnly(memberId);
    }
}
