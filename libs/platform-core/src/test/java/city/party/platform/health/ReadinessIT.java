package city.party.platform.health;

import java.time.Duration;

import city.party.platform.test.TestInfrastructure;
import city.party.platform.testapp.TestApplication;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/** Readiness tells the truth: DOWN while MongoDB or Kafka is unreachable, liveness unaffected. */
class ReadinessIT {

    private static ConfigurableApplicationContext start(String mongoUri, String kafka) {
        return new SpringApplicationBuilder(TestApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + mongoUri,
                        "--spring.kafka.bootstrap-servers=" + kafka, "--logging.structured.format.console=",
                        "--platform.mongodb.server-selection-timeout=1s",
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/party");
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void readinessFollowsMongo() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/readiness";
        try (ConfigurableApplicationContext app = start(uri, TestInfrastructure.kafkaBootstrapServers())) {
            WebTestClient client = client(app);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client.get()
                    .uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.status").isEqualTo("UP")
                    .jsonPath("$.components.mongo.status").isEqualTo("UP")
                    .jsonPath("$.components.kafka.status").isEqualTo("UP"));

            mongo.shutdownNow();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client.get()
                    .uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503).expectBody()
                    .jsonPath("$.components.mongo.status").isEqualTo("DOWN"));
            client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        }
    }

    @Test
    void readinessIsDownWithoutKafka() {
        String uri = TestInfrastructure.mongoUri() + "/readiness-kafka";
        try (ConfigurableApplicationContext app = start(uri, "127.0.0.1:1")) {
            client(app).get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503).expectBody()
                    .jsonPath("$.components.kafka.status").isEqualTo("DOWN")
                    .jsonPath("$.components.mongo.status").isEqualTo("UP");
        }
    }
}
