package city.party.platform.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checks every platform service must pass, whatever its domain: it starts against real Kafka
 * and MongoDB, reports ready, owns its topics (and dead-letter topics) with the configured
 * partitions, exposes metrics, and is a resource server that checks issuer and audience itself.
 * A service's smoke test extends this class and adds nothing.
 */
public abstract class ServiceSmokeIT extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    protected WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void reportsReadyWithMongoAndKafka() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client.get().uri("/actuator/health/readiness")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.mongo.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP"));
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void createsItsTopicsAndDeadLetterTopics() throws Exception {
        Binder binder = Binder.get(environment);
        List<String> produces = binder.bind("platform.events.produces", Bindable.listOf(String.class)).orElse(List.of());
        List<String> consumes = binder.bind("platform.events.consumes", Bindable.listOf(String.class)).orElse(List.of());
        int partitions = binder.bind("platform.events.partitions", Integer.class).orElse(6);
        String group = environment.getProperty("spring.application.name");
        List<String> expected = new ArrayList<>(produces);
        consumes.forEach(topic -> expected.add(topic + "." + group + ".dlt"));
        assertThat(produces).as("a service owns at least one topic").isNotEmpty();
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listTopics().names().get().containsAll(Set.copyOf(expected)));
            Map<String, TopicDescription> topics = admin.describeTopics(expected).allTopicNames().get();
            topics.values().forEach(topic -> assertThat(topic.partitions()).as(topic.name()).hasSize(partitions));
        }
    }

    @Test
    void exposesPrometheusMetrics() {
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes")
                        .contains("application=\"" + environment.getProperty("spring.application.name") + "\""));
    }

    @Test
    void publishesItsOpenApiDocument() {
        // the first document is generated on demand: give it longer than an ordinary request
        client.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openapi").value(version -> assertThat((String) version).startsWith("3."))
                .jsonPath("$.info.title").isEqualTo(environment.getProperty("spring.application.name"))
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
    }

    @Test
    void rejectsRequestsWithoutAValidTokenAsProblemJson() {
        client.get().uri("/api/anything").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:party-platform:problem:unauthorized");
        String wrongAudience = TOKENS.builder("member-a").roles(List.of("member")).audience(List.of("account")).sign();
        client.get().uri("/api/anything").headers(h -> h.setBearerAuth(wrongAudience)).exchange()
                .expectStatus().isUnauthorized();
        String valid = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
        client.get().uri("/api/no-such-resource").headers(h -> h.setBearerAuth(valid)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
