package city.party.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import city.party.platform.test.TestInfrastructure;
import city.party.platform.test.TestTokenIssuer;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of a stand-in service that echoes what it receives: bearer tokens pass
 * through unchanged and validated, the session cookie never reaches a service, API callers get
 * 401 problems while browsers are sent to the login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    static final String LOGIN_ENTRY = "/oauth2/authorization/keycloak";
    static final TestTokenIssuer TOKENS = new TestTokenIssuer();
    static final HttpServer SERVICE = echoService();

    @LocalServerPort
    int port;

    WebTestClient client;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TOKENS::issuer);
        String service = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        for (String name : List.of("MEMBER_SERVICE_URL", "ACTIVITY_SERVICE_URL", "DONATION_SERVICE_URL")) {
            registry.add(name, () -> service);
        }
        // honor-service is "down": nothing listens there.
        registry.add("HONOR_SERVICE_URL", () -> "http://127.0.0.1:" + closedPort());
        registry.add("spring.data.redis.url", TestInfrastructure::redisUrl);
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1500ms");
        registry.add("logging.structured.format.console", () -> "");
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
        TOKENS.close();
    }

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void bearerTokenIsValidatedAndPassedThroughWithoutCookies() {
        String token = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).header(HttpHeaders.COOKIE, "SESSION=abc")
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.path").isEqualTo("/api/me")
                .jsonPath("$.authorization").isEqualTo("Bearer " + token)
                .jsonPath("$.cookie").isEqualTo("");
    }

    @Test
    void bearerCallsLeaveNoSessionOrCookieBehind() {
        String token = TOKENS.token("city-system", List.of("system-reader"), List.of());
        var redis = io.lettuce.core.RedisClient.create(TestInfrastructure.redisUrl());
        try (var connection = redis.connect()) {
            long before = connection.sync().keys("party:gateway:session*").size();
            for (int i = 0; i < 5; i++) {
                client.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                        .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
            }
            org.assertj.core.api.Assertions.assertThat(connection.sync().keys("party:gateway:session*")).hasSize(
                    (int) before);
        }
        finally {
            redis.shutdown();
        }
    }

    @Test
    void everyServiceIsRoutedByItsResourcePaths() {
        String token = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
        for (String path : List.of("/api/organizations", "/api/members/42/transfers", "/api/members/import",
                "/api/activities/1/attendance", "/api/activities/1/attachments", "/api/compliance",
                "/api/donation-campaigns/1/progress",
                "/api/donations")) {
            client.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.path").isEqualTo(path);
        }
    }

    @Test
    void apiReferenceAggregatesTheServicesDocuments() {
        client.get().uri("/api-docs/member-service").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/v3/api-docs");
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        client.get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.urls[*].url").value(urls -> org.assertj.core.api.Assertions
                        .assertThat((List<String>) urls).containsExactlyInAnyOrder("/api-docs/member-service",
                                "/api-docs/activity-service", "/api-docs/honor-service", "/api-docs/donation-service"));
    }

    @Test
    void readOnlyRolesCannotWriteAndOperatorsSeeRoutes() {
        String reader = TOKENS.token("service-account-city-data-exchange", List.of("system-reader"), List.of());
        client.get().uri("/api/members").headers(h -> h.setBearerAuth(reader)).exchange().expectStatus().isOk();
        client.post().uri("/api/members").headers(h -> h.setBearerAuth(reader)).bodyValue("{}").exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:forbidden");
        String auditor = TOKENS.token("auditor", List.of("auditor"), List.of("/city"));
        client.delete().uri("/api/members/1").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isForbidden();
        String member = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.get().uri("/actuator/gateway/routes").headers(h -> h.setBearerAuth(member)).exchange()
                .expectStatus().isForbidden();
        String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
        client.get().uri("/actuator/gateway/routes").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.route_id=='member-service')]").exists();
    }

    @Test
    void apiCallWithoutCredentialsIsA401ProblemNotARedirect() {
        client.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:unauthorized");
    }

    @Test
    void publicPagesAndObjectionsNeedNoLoginButEverythingElseDoes() {
        client.get().uri("/api/donation-campaigns/c1/ledger").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/donation-campaigns/c1/ledger");
        // reaches honor-service's route (which is down here: 503), neither 401 nor a CSRF 403
        client.post().uri("/api/honor-roll/notices/n1/objections").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(503);
        client.post().uri("/api/honor-roll/notices/n1/objections").header(HttpHeaders.COOKIE, "SESSION=any")
                .bodyValue("{}").exchange().expectStatus().isEqualTo(503);
        // an anonymous write elsewhere is stopped: 401 without cookies, CSRF 403 with a (browser's) cookie
        client.post().uri("/api/nominations").bodyValue("{}").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/nominations").header(HttpHeaders.COOKIE, "SESSION=any").bodyValue("{}").exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/donation-campaigns/c1/progress").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void invalidTokensAreStoppedAtTheGateway() {
        for (String token : List.of(
                TOKENS.builder("x").roles(List.of("member")).audience(List.of("account")).sign(),
                TOKENS.builder("x").roles(List.of("member")).issuer("http://elsewhere/realms/party").sign(),
                TOKENS.builder("x").roles(List.of("member")).tampered().sign())) {
            client.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized();
        }
    }

    @Test
    void browserNavigationIsSentToTheLogin() {
        client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, LOGIN_ENTRY);
        client.get().uri(LOGIN_ENTRY).exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().value(HttpHeaders.LOCATION, location -> org.assertj.core.api.Assertions
                        .assertThat(location).startsWith(TOKENS.issuer() + "/protocol/openid-connect/auth")
                        .contains("code_challenge_method=S256").contains("client_id=gateway"));
    }

    @Test
    void bearerWritesNeedNoCsrfTokenButCookieWritesDo() {
        String token = TOKENS.token("secretary-a", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a"));
        client.post().uri("/api/members").headers(h -> h.setBearerAuth(token)).bodyValue("{}").exchange()
                .expectStatus().isOk();
        client.post().uri("/api/members").header(HttpHeaders.COOKIE, "SESSION=forged").bodyValue("{}").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // neither a cookie nor a token: nothing to forge, simply not authenticated
        client.post().uri("/api/members").bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void serviceDownIsAPrompt503Problem() {
        String token = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.mutate().responseTimeout(Duration.ofSeconds(5)).build()
                .get().uri("/api/honor-programs").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:party-platform:problem:service-unavailable")
                .jsonPath("$.service").isEqualTo("honor-service");
    }

    @Test
    void documentOfAServiceThatIsDownIsA503ProblemNotA500() {
        client.mutate().responseTimeout(Duration.ofSeconds(5)).build()
                .get().uri("/api-docs/honor-service").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:service-unavailable");
    }

    @Test
    void bodiesOverTheLimitAndRefusedPathsAreProblems() {
        String token = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
        client.post().uri("/api/organizations").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:payload-too-large")
                .jsonPath("$.status").isEqualTo(413);
        client.get().uri(java.net.URI.create("http://localhost:" + port + "/api/members/..%2F..%2Factuator"))
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/members/" + "x".repeat(5000)).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(414)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void slowServiceIsCutOffAtTheConfiguredTimeout() {
        String token = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.mutate().responseTimeout(Duration.ofSeconds(3)).build()
                .get().uri("/api/donations/slow").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("donation-service");
    }

    @Test
    void correlationIdReachesTheServiceAndComesBack() {
        String token = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).header("X-Correlation-Id", "abc-123")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Correlation-Id", "abc-123")
                .expectBody().jsonPath("$.correlationId").isEqualTo("abc-123");
    }

    @Test
    void theCallersTraceContinuesToTheService() {
        // the gateway runs with limited context propagation (application.yaml): the trace must
        // still reach the service — same trace id, the gateway's own span as parent
        String token = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.get().uri("/api/me").headers(h -> h.setBearerAuth(token))
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.traceparent").value(String.class, traceparent -> org.assertj.core.api.Assertions
                        .assertThat(traceparent).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                        .doesNotContain("00f067aa0ba902b7"));
    }

    @Test
    void browserSessionLivesInRedisWithAHardenedCookie() {
        var result = client.get().uri(LOGIN_ENTRY).exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class);
        org.assertj.core.api.Assertions.assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE))
                .anySatisfy(cookie -> org.assertj.core.api.Assertions.assertThat(cookie).startsWith("SESSION=")
                        .containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
        var redis = io.lettuce.core.RedisClient.create(TestInfrastructure.redisUrl());
        try (var connection = redis.connect()) {
            org.assertj.core.api.Assertions.assertThat(connection.sync().keys("party:gateway:session*")).isNotEmpty();
        }
        finally {
            redis.shutdown();
        }
    }

    @Test
    void responsesCarrySecurityHeadersAndTheCsrfCookie() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> org.assertj.core.api.Assertions
                        .assertThat(csp).contains("frame-ancestors 'none'"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().values(HttpHeaders.SET_COOKIE, cookies -> org.assertj.core.api.Assertions
                        .assertThat(cookies).anySatisfy(cookie -> org.assertj.core.api.Assertions
                                .assertThat(cookie).startsWith("XSRF-TOKEN=")));
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer echoService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                String cookie = exchange.getRequestHeaders().getFirst("Cookie");
                String correlation = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                    try {
                        Thread.sleep(4000);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"authorization\":\""
                        + (authorization == null ? "" : authorization) + "\",\"cookie\":\""
                        + (cookie == null ? "" : cookie) + "\",\"correlationId\":\"" + correlation + "\",\"traceparent\":\"" + traceparent + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
