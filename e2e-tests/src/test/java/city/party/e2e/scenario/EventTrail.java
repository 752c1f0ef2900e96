package city.party.e2e.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Where an event stands between its publisher and a consumer, for a failure message: the records of
 * a type on a topic whose data names a value (say, one member's attendance records), and how far the
 * consumer's group has committed on their partitions. A read model that does not show a fact is then
 * told apart as "never published" (no record), "not consumed yet" (committed offset before the
 * record) or "consumed, yet without effect" (committed past it).
 */
final class EventTrail {

    private static final Duration READ_AT_MOST = Duration.ofSeconds(60);

    private EventTrail() {
    }

    /** One line per matching record and per partition of the topic as the group sees it. */
    static String of(String topic, String type, String field, String value, String group) {
        try (KafkaConsumer<byte[], byte[]> consumer = PublishedDonationEvents.consumer(); Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, DeadLetters.BOOTSTRAP,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> lines = new ArrayList<>();
            Instant giveUp = Instant.now().plus(READ_AT_MOST);
            while (Instant.now().isBefore(giveUp)
                    && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                    if (type.equals(header(record, "ce_type")) && value.equals(field(record, field))) {
                        lines.add("  " + record.topic() + "-" + record.partition() + "@" + record.offset() + " ce_id "
                                + header(record, "ce_id") + " at " + Instant.ofEpochMilli(record.timestamp()) + ": "
                                + new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            if (lines.isEmpty()) {
                lines.add("  no " + type + " with " + field + " = " + value + " on " + topic);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            lines.add("  group " + group + " committed/end: " + partitions.stream()
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .map(p -> p.partition() + ": " + (committed.get(p) == null ? "-" : committed.get(p).offset()) + "/"
                            + end.get(p)).collect(Collectors.joining(", ")));
            return String.join("\n", lines);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "  (interrupted while reading " + topic + ")";
        }
        catch (Exception e) {
            return "  (could not read " + topic + ": " + e + ")";
        }
    }

    private static String field(ConsumerRecord<byte[], byte[]> record, String field) {
        try {
            Object value = JsonPath.read(new String(record.value(), StandardCharsets.UTF_8), "$." + field);
            return value == null ? null : value.toString();
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
