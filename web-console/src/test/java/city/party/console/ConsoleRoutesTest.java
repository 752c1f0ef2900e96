package city.party.console;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConsoleRoutesTest {

    private final WebTestClient client = WebTestClient
            .bindToRouterFunction(new ConsoleAutoConfiguration().consoleRoutes()).build();

    @Test
    void appRoutesAnswerWithTheShell() {
        assumeTrue(new ClassPathResource(ConsoleAutoConfiguration.INDEX).exists(), "frontend built");
        for (String path : new String[] { "/", "/dashboard", "/public/ledger/demo", "/members/m-1", "/sign-in/a1" }) {
            client.get().uri(path).exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().cacheControl(org.springframework.http.CacheControl.noCache())
                    .expectBody(String.class).value(html -> assertThat(html).contains("<div id=\"app\">"));
        }
    }

    @Test
    void otherPathsAreLeftToTheGateway() {
        for (String path : new String[] { "/api/me", "/actuator/health", "/fallback/x", "/some-page", "/swagger-ui.html" }) {
            client.get().uri(path).exchange().expectStatus().isNotFound();
        }
        client.post().uri("/dashboard").exchange().expectStatus().isNotFound();
    }
}
