package city.party.member.me.web;

import java.util.List;

import city.party.platform.test.PlatformIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MeControllerIT extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void orgAdminSeesTheirNameRolesAndAdministeredSubtree() {
        // a member of branch a1 who administers branch a2: two different things
        String token = TOKENS.token("secretary-a", List.of("org-admin", "member"),
                List.of("/city/unit-a/branch-a1", "/city/unit-a/branch-a2/_administrators"));
        client().get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("secretary-a")
                .jsonPath("$.roles[0]").isEqualTo("member")
                .jsonPath("$.roles[1]").isEqualTo("org-admin")
                .jsonPath("$.organizationPaths.length()").isEqualTo(1)
                .jsonPath("$.organizationPaths[0]").isEqualTo("/city/unit-a/branch-a1")
                .jsonPath("$.administeredPaths.length()").isEqualTo(1)
                .jsonPath("$.administeredPaths[0]").isEqualTo("/city/unit-a/branch-a2")
                .jsonPath("$.seesWholeCity").isEqualTo(false);
    }

    @Test
    void memberAdministersNothing() {
        String token = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client().get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.administeredPaths").isEmpty()
                .jsonPath("$.seesWholeCity").isEqualTo(false);
    }

    @Test
    void committeeSeesTheWholeCity() {
        String token = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
        client().get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.seesWholeCity").isEqualTo(true);
    }

    @Test
    void anonymousCallerIsA401() {
        client().get().uri("/api/me").exchange().expectStatus().isUnauthorized();
    }
}
