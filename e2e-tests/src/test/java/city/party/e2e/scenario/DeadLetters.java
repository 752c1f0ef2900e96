package city.party.e2e.scenario;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records each dead-letter topic ({@code *.dlt}) of the platform's broker holds. The
 * scenario counts them before and after: a record dead-lettered while it ran is an event some
 * service could not take — lost in effect — so the counts must not change.
 */
final class DeadLetters {

    static final String BOOTSTRAP = System.getProperty("e2e.kafka", "127.0.0.1:9092");

    private DeadLetters() {
    }

    /** Records per dead-letter topic (end offsets summed over partitions). */
    static Map<String, Long> count() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlt"))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(topics).allTopicNames().get().values()
                    .stream().flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<String, Long> counts = new TreeMap<>();
            topics.forEach(t -> counts.put(t, 0L));
            admin.listOffsets(ends).all().get().forEach((partition, offset) ->
                    counts.merge(partition.topic(), offset.offset(), Long::sum));
            return counts;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the dead-letter topics from " + BOOTSTRAP, e);
        }
    }
}
