package city.party.platform.web;

import java.util.List;

import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestTokenIssuer;
import city.party.platform.testapp.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemDetailsIT extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    WebTestClient client;
    String committee;

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
    }

    @Test
    void invalidFieldsAreListedInChineseWhenAsked() {
        client.post().uri("/api/samples").headers(h -> h.setBearerAuth(committee))
                .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"id\":\"\",\"name\":\"x\"}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:party-platform:problem:validation-failed")
                .jsonPath("$.title").isEqualTo("校验失败")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].message").isEqualTo("不能为空白");
    }

    @Test
    void malformedJsonIsA400NotA500() {
        client.post().uri("/api/samples").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\": ").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:malformed-request");
    }

    @Test
    void malformedPathVariableIsA400() {
        client.get().uri("/api/samples/number/abc").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:malformed-request");
    }

    @Test
    void pathsTheFirewallRefusesAreA400Problem() {
        for (String path : List.of("/api/samples/..%2F..%2Factuator", "/api/samples/a%00b", "/api/samples/a;b=c")) {
            client.get().uri(java.net.URI.create("http://localhost:" + port + path))
                    .headers(h -> h.setBearerAuth(committee)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:malformed-request")
                    .jsonPath("$.status").isEqualTo(400);
        }
    }

    @Test
    void requestsNettyCannotDecodeAreProblemsToo() {
        client.get().uri("/api/samples/" + "x".repeat(5000)).headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isEqualTo(414)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:uri-too-long")
                .jsonPath("$.status").isEqualTo(414);
        client.get().uri("/api/samples/nope").header("X-Padding", "p".repeat(10_000)).exchange()
                .expectStatus().isEqualTo(431)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(431);
    }

    @Test
    void theOpenApiDocumentDoesNotListTheCallerAsAParameter() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/samples/me'].get").exists()
                .jsonPath("$.paths['/api/samples/me'].get.parameters").doesNotExist();
    }

    @Test
    void unknownIdIsA404WithTheResourceNamed() {
        client.get().uri("/api/samples/nope").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:party-platform:problem:not-found")
                .jsonPath("$.detail").isEqualTo("sample nope does not exist.")
                .jsonPath("$.instance").isEqualTo("/api/samples/nope");
    }

    @Test
    void unknownRouteIsA404Problem() {
        client.get().uri("/api/nothing-here").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void staleVersionIsA409() {
        client.post().uri("/api/samples").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\":\"s409\",\"name\":\"a\"}").exchange()
                .expectStatus().isCreated();
        client.put().uri("/api/samples/s409?version=99&name=b").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:concurrent-modification");
        client.put().uri("/api/samples/s409/race").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:concurrent-modification");
    }

    @Test
    void ruleViolationIsA422NamingTheRuleAndItsSource() {
        client.get().uri("/api/samples/rule").headers(h -> h.setBearerAuth(committee))
                .header("Accept-Language", "zh-CN").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.rule").isEqualTo("sample.rule")
                .jsonPath("$.source").isEqualTo("test regulation §1")
                .jsonPath("$.detail").isEqualTo("违反了示例规则。");
    }

    @Test
    void unexpectedErrorsHideTheirDetails() {
        client.get().uri("/api/samples/boom").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isEqualTo(500)
                .expectBody(String.class).value(not(containsString("secret internal detail")))
                .value(not(containsString("Exception")))
                .value(containsString("urn:party-platform:problem:internal-error"));
    }

    @Test
    void missingTokenIsA401ProblemWithBearerChallenge() {
        client.get().uri("/api/samples/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:unauthorized");
    }

    @Test
    void tokensThatAreExpiredForeignOrTamperedAreRejected() {
        List<String> bad = List.of(
                TOKENS.builder("x").roles(List.of("committee-admin"))
                        .expiresAt(java.time.Instant.now().minusSeconds(15)).sign(),
                TOKENS.builder("x").roles(List.of("committee-admin")).issuer("http://evil.example/realms/party").sign(),
                TOKENS.builder("x").roles(List.of("committee-admin")).audience(List.of("account")).sign(),
                TOKENS.builder("x").roles(List.of("member")).tampered().sign(),
                TOKENS.builder("x").roles(List.of("committee-admin")).signedByUnknownKey().sign(),
                "not-a-jwt");
        for (String token : bad) {
            client.get().uri("/api/samples/me").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:unauthorized");
        }
    }

    @Test
    void validTokenWithoutTheRoleIsA403() {
        String member = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.get().uri("/api/samples/admin").headers(h -> h.setBearerAuth(member)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:forbidden");
        client.get().uri("/api/samples/admin").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void readOnlyRolesCannotWriteEvenWithAValidBody() {
        for (String role : List.of("auditor", "system-reader")) {
            String token = TOKENS.token("reader", List.of(role), List.of("/city"));
            client.post().uri("/api/samples").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\":\"ro\",\"name\":\"x\"}").exchange()
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:forbidden");
        }
        client.get().uri("/api/samples/ro").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void callerScopeComesFromTheToken() {
        String secretary = TOKENS.token("secretary-a", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a/branch-a1"));
        client.get().uri("/api/samples/me").headers(h -> h.setBearerAuth(secretary)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("secretary-a")
                .jsonPath("$.roles[0]").isEqualTo("org-admin")
                .jsonPath("$.organizationPaths").isEmpty()
                .jsonPath("$.administeredPaths[0]").isEqualTo("/city/unit-a/branch-a1");
    }

    @Test
    void correlationIdIsKeptOrCreatedAndQuotedInProblems() {
        client.get().uri("/api/samples/nope").headers(h -> h.setBearerAuth(committee))
                .header("X-Correlation-Id", "req-123").exchange()
                .expectHeader().valueEquals("X-Correlation-Id", "req-123")
                .expectBody().jsonPath("$.correlationId").isEqualTo("req-123");
        client.get().uri("/api/samples/nope").header("X-Correlation-Id", "not acceptable <script>").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value("X-Correlation-Id", id -> org.assertj.core.api.Assertions
                        .assertThat(java.util.UUID.fromString(id)).isNotNull());
    }
}
