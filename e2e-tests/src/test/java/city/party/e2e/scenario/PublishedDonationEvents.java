package city.party.e2e.scenario;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What donation-service published on {@code party.donations} for one campaign from a given moment on,
 * read straight from the broker (CloudEvents in binary mode: {@code ce_id}/{@code ce_type} headers,
 * the data as the value). Delivery is at least once, so a record may come twice after a crash; what
 * must hold is that every fact is there and is ONE event (one {@code ce_id}) however often it came.
 */
final class PublishedDonationEvents {

    static final String TOPIC = "party.donations";

    /** Per event type: the fact's id (donation, unit, hand-over, disbursement) → the event ids seen. */
    private final Map<String, Map<String, Set<String>>> events = new TreeMap<>();
    private final Map<TopicPartition, Long> from;
    private long records;

    private PublishedDonationEvents(Map<TopicPartition, Long> from) {
        this.from = from;
    }

    /** Remembers where the topic ends now: only what is published later is read. */
    static PublishedDonationEvents fromNow() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            return new PublishedDonationEvents(new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30))));
        }
    }

    /** Reads everything published since {@link #fromNow()} about this campaign (replacing what was read). */
    PublishedDonationEvents read(String campaignId) {
        events.clear();
        records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet(), Duration.ofSeconds(30));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                    take(campaignId, record);
                }
            }
        }
        return this;
    }

    private void take(String campaignId, ConsumerRecord<byte[], byte[]> record) {
        String data = new String(record.value(), StandardCharsets.UTF_8);
        if (!campaignId.equals(JsonPath.read(data, "$.campaignId"))) {
            return;
        }
        records++;
        String type = header(record, "ce_type");
        String fact = switch (type) {
            case "party.donation.recorded.v1", "party.donation.reversed.v1" -> JsonPath.read(data, "$.donationId");
            case "party.donation.unit-completed.v1" -> JsonPath.read(data, "$.unitId");
            case "party.donation.funds-handed-over.v1" -> JsonPath.read(data, "$.handOverId");
            case "party.donation.disbursed.v1" -> JsonPath.read(data, "$.disbursementId");
            default -> throw new AssertionError("unexpected event type " + type + " on " + TOPIC + ": " + data);
        };
        events.computeIfAbsent(type, t -> new TreeMap<>()).computeIfAbsent(fact, f -> ConcurrentHashMap.newKeySet())
                .add(header(record, "ce_id"));
    }

    /** The facts of this type that were published, each with the distinct event ids it came with. */
    Map<String, Set<String>> of(String type) {
        return events.getOrDefault(type, Map.of());
    }

    /** Records read for the campaign, redeliveries included. */
    long records() {
        return records;
    }

    /** Distinct events (by ce_id) read for the campaign. */
    long distinctEvents() {
        return events.values().stream().flatMap(m -> m.values().stream()).mapToLong(Set::size).sum();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new AssertionError("a record on " + TOPIC + " without " + name + " (offset " + record.offset() + ")");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A plain reader of the platform's broker (no group, nothing committed). */
    static KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DeadLetters.BOOTSTRAP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
