package city.party.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestInfrastructure;
import city.party.platform.testapp.Sample;
import city.party.platform.testapp.SampleRepository;
import city.party.platform.testapp.TestApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static city.party.platform.events.EventTestSupport.cloudEventHeaders;
import static city.party.platform.events.EventTestSupport.effects;
import static city.party.platform.events.EventTestSupport.outboxPending;
import static city.party.platform.events.EventTestSupport.header;
import static city.party.platform.events.EventTestSupport.sendRaw;
import static city.party.platform.events.EventTestSupport.storedSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = TestApplication.class)
class EventBackboneIT extends PlatformIntegrationTest {

    @Autowired
    SampleRepository samples;

    @Autowired
    ConfigurableApplicationContext context;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void eventIsPublishedOnceWithCloudEventHeadersAndTheOutboxIsEmptied() {
        String id = "pub-" + UUID.randomUUID();
        samples.insert(Sample.create(id, "created")).block();

        await().atMost(WAIT).until(() -> effects(context, id) != null);
        await().atMost(WAIT).until(() -> !outboxPending(context, id));
        Document stored = storedSample(context, id);
        assertThat(stored.getList("outbox", Document.class)).isEmpty();

        List<ConsumerRecord<String, byte[]>> records = EventTestSupport.readAll(
                TestInfrastructure.kafkaBootstrapServers(), Sample.TOPIC, 200, Duration.ofSeconds(5));
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> id.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("test.sample.created.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/platform-test-app");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(UUID.fromString(header(record, "ce_id"))).isNotNull();
        assertThat(header(record, "ce_time")).isNotBlank();
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"" + id + "\",\"name\":\"created\"}");
    }

    @Test
    void redeliveredEventTakesEffectOnce() {
        String id = "dup-" + UUID.randomUUID();
        Sample sample = samples.insert(Sample.create(id, "created")).block();
        await().atMost(WAIT).until(() -> effects(context, id) != null);

        // The relay may publish an event twice after a crash; replay the very same ce_id.
        List<ConsumerRecord<String, byte[]>> published = EventTestSupport.readAll(
                TestInfrastructure.kafkaBootstrapServers(), Sample.TOPIC, 500, Duration.ofSeconds(5));
        ConsumerRecord<String, byte[]> original = published.stream().filter(r -> id.equals(r.key())).findFirst()
                .orElseThrow();
        sendRaw(TestInfrastructure.kafkaBootstrapServers(), Sample.TOPIC, id, original.value(),
                cloudEventHeaders(header(original, "ce_id"), "test.sample.created.v1", id));

        // A later event on the same key is consumed after the duplicate (same partition, in order).
        Sample reloaded = samples.findById(sample.getId()).block();
        reloaded.rename("renamed");
        samples.save(reloaded).block();

        await().atMost(WAIT).until(() -> effects(context, id).getInteger("count") >= 2);
        Document effects = effects(context, id);
        assertThat(effects.getInteger("count")).isEqualTo(2);
        assertThat(effects.getList("names", String.class)).containsExactly("created", "renamed");
    }

    @Test
    void eventsOfOneAggregateArriveInTheOrderTheyHappened() {
        String id = "order-" + UUID.randomUUID();
        samples.insert(Sample.create(id, "n0")).block();
        for (int i = 1; i <= 5; i++) {
            Sample current = samples.findById(id).block();
            current.rename("n" + i);
            samples.save(current).block();
        }
        await().atMost(WAIT).until(() -> effects(context, id) != null && effects(context, id).getInteger("count") == 6);
        assertThat(effects(context, id).getList("names", String.class))
                .containsExactly("n0", "n1", "n2", "n3", "n4", "n5");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsStillConsumed() {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        String key = "poison-" + UUID.randomUUID();
        // 1. not a CloudEvent at all (fails deserialisation)
        sendRaw(bootstrap, Sample.TOPIC, key, "garbage".getBytes(StandardCharsets.UTF_8), java.util.Map.of());
        // 2. a CloudEvent whose body is not JSON (fails parsing: not retried)
        sendRaw(bootstrap, Sample.TOPIC, key, "not json".getBytes(StandardCharsets.UTF_8),
                cloudEventHeaders(UUID.randomUUID().toString(), "test.sample.created.v1", key));
        // 3. a valid event the handler always fails on (retried, then dead-lettered)
        sendRaw(bootstrap, Sample.TOPIC, key,
                ("{\"id\":\"" + key + "\",\"name\":\"always-fails\"}").getBytes(StandardCharsets.UTF_8),
                cloudEventHeaders(UUID.randomUUID().toString(), "test.sample.created.v1", key));
        // 4. a good event on the same key, behind all of them
        samples.insert(Sample.create(key, "healthy")).block();

        await().atMost(WAIT).until(() -> effects(context, key) != null);
        assertThat(effects(context, key).getList("names", String.class)).containsExactly("healthy");

        String deadLetters = PlatformEventsProperties.deadLetterTopic(Sample.TOPIC, "platform-test-app");
        List<ConsumerRecord<String, byte[]>> dead = EventTestSupport.readAll(bootstrap, deadLetters, 100,
                Duration.ofSeconds(10)).stream().filter(r -> key.equals(r.key())).toList();
        assertThat(dead).hasSize(3);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("garbage");
        assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(header(dead.get(1), "ce_id")).isNotNull();
        assertThat(dead.get(1).headers().headers("ce_id")).hasSize(1);
        assertThat(header(dead.get(2), "kafka_dlt-exception-message")).contains("cannot process");
        assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(Sample.TOPIC);
    }
}
