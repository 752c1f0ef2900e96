package city.party.gateway;

import java.util.ArrayList;
import java.util.List;

import city.party.platform.test.TestInfrastructure;
import city.party.platform.test.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A caller over its budget gets 429 problems with Retry-After; another caller is unaffected. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "RATE_LIMIT_PER_SECOND=1", "RATE_LIMIT_BURST=3", "logging.structured.format.console=" })
class GatewayRateLimitIT {

    static final TestTokenIssuer TOKENS = new TestTokenIssuer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        registry.add("spring.data.redis.url", TestInfrastructure::redisUrl);
    }

    @AfterAll
    static void stop() {
        TOKENS.close();
    }

    @Test
    void busyCallerIsThrottledOthersAreNot() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        String busy = TOKENS.token("busy-system", List.of("system-reader"), List.of());
        List<EntityExchangeResult<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(client.get().uri("/api/me").headers(h -> h.setBearerAuth(busy)).exchange()
                    .expectBody(String.class).returnResult());
        }
        List<EntityExchangeResult<String>> refused = results.stream()
                .filter(r -> r.getStatus().value() == 429).toList();
        assertThat(refused).isNotEmpty();
        EntityExchangeResult<String> first = refused.get(0);
        assertThat(first.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(first.getResponseBody()).contains("urn:party-platform:problem:too-many-requests");

        String other = TOKENS.token("quiet-system", List.of("system-reader"), List.of());
        int status = client.get().uri("/api/me").headers(h -> h.setBearerAuth(other)).exchange()
                .expectBody(String.class).returnResult().getStatus().value();
        assertThat(status).isNotEqualTo(429);
    }
}
