package city.party.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Raw Kafka access for tests: what another producer (or a broken one) would put on a topic. */
final class EventTestSupport {

    private EventTestSupport() {
    }

    static void sendRaw(String bootstrap, String topic, String key, byte[] value, Map<String, String> headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, v) -> record.headers().add(new RecordHeader(name, v.getBytes(StandardCharsets.UTF_8))));
            producer.send(record).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> cloudEventHeaders(String id, String type, String subject) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/test", "ce_type", type, "ce_subject",
                subject, "content-type", "application/json");
    }

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int expected,
            Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    static Document effects(ConfigurableApplicationContext context, String sampleId) {
        return context.getBean(ReactiveMongoTemplate.class)
                .findOne(query(where("_id").is(sampleId)), Document.class, "sample_effects").block();
    }

    static Document storedSample(ConfigurableApplicationContext context, String sampleId) {
        return context.getBean(ReactiveMongoTemplate.class)
                .findOne(query(where("_id").is(sampleId)), Document.class, "samples").block();
    }

    /** Whether the sample's outbox still holds unpublished events. */
    static boolean outboxPending(ConfigurableApplicationContext context, String sampleId) {
        java.util.List<?> outbox = storedSample(context, sampleId).getList("outbox", Object.class);
        return outbox != null && !outbox.isEmpty();
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
