package city.party.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestInfrastructure;
import city.party.platform.testapp.Sample;
import city.party.platform.testapp.TestApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static city.party.platform.events.EventTestSupport.effects;
import static city.party.platform.events.EventTestSupport.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the request to the consumer: the outbox keeps the request's trace context with
 * the event, the relay publishes it as {@code traceparent}, the listener continues it.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracingIT extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void theConsumerWorksInTheTraceOfTheRequestThatRaisedTheEvent() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = "traced-" + UUID.randomUUID().toString().substring(0, 8);
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        client.post().uri("/api/samples")
                .headers(h -> h.setBearerAuth(TOKENS.token("writer", List.of("committee-admin"), List.of("/city"))))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", id, "name", "traced")).exchange()
                .expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(60)).until(() -> effects(context, id) != null);
        assertThat(effects(context, id).getString("lastTraceId")).isEqualTo(traceId);
        ConsumerRecord<String, byte[]> record = EventTestSupport.readAll(TestInfrastructure.kafkaBootstrapServers(),
                Sample.TOPIC, 500, Duration.ofSeconds(5)).stream().filter(r -> id.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(header(record, "traceparent")).startsWith("00-" + traceId + "-");
    }
}
