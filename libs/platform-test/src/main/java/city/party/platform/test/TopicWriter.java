package city.party.platform.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes CloudEvents the way another service's outbox relay would (binary mode, key = subject),
 * so a consumer can be tested against real records on the real broker.
 */
public final class TopicWriter {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    private TopicWriter() {
    }

    /** Publishes {@code body} (serialised as the platform serialises event data) and returns the event id. */
    public static String publish(String topic, String key, String type, String source, Object body) {
        String id = UUID.randomUUID().toString();
        publish(topic, key, id, type, source, body, OffsetDateTime.now(ZoneOffset.UTC));
        return id;
    }

    /** With a given event id (to test redelivery) and time (to test out-of-order arrival). */
    public static void publish(String topic, String key, String id, String type, String source, Object body,
            OffsetDateTime time) {
        CloudEvent event = CloudEventBuilder.v1().withId(id).withSource(URI.create(source)).withType(type)
                .withSubject(key).withTime(time).withDataContentType("application/json")
                .withData(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)).build();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, event)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not publish " + type + " to " + topic, e);
        }
    }
}
