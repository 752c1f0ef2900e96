package city.party.platform.events;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.events.*}: which topics this service owns and reads, and how the outbox relay and
 * the consumers retry. Topics are created explicitly (the broker never auto-creates them).
 *
 * @param source     CloudEvents source of everything this service publishes, e.g. /member-service
 * @param produces   topics of the aggregate families this service owns
 * @param consumes   topics this service reads; each gets a dead-letter topic of its own
 * @param partitions partitions of every topic and dead-letter topic (a DLT needs at least as many
 *                   as its source, since failed records keep their partition)
 * @param replicas   replication factor
 */
@ConfigurationProperties("platform.events")
public record PlatformEventsProperties(URI source, @DefaultValue List<String> produces,
        @DefaultValue List<String> consumes, @DefaultValue("6") int partitions, @DefaultValue("1") short replicas,
        @DefaultValue Relay relay, @DefaultValue Consumer consumer) {

    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("30s") Duration maxBackoff, @DefaultValue("10m") Duration fullScanInterval,
            @DefaultValue("40s") Duration sendTimeout, @DefaultValue("400") int batchSize,
            // aggregates published at once: each waits for its acknowledgements, so the relay's rate is
            // about concurrency / round trip (4 drained an import's backlog at ~100 events/s, 16 at ~200)
            @DefaultValue("16") int concurrency) {
    }

    /**
     * @param maxRetries     retries of a failing record before it goes to the dead-letter topic
     * @param initialBackoff first retry delay; doubles up to {@code maxBackoff}
     */
    public record Consumer(@DefaultValue("3") int maxRetries, @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("5s") Duration maxBackoff, @DefaultValue("30s") Duration handleTimeout) {
    }

    /** The dead-letter topic of {@code topic} for one consumer group. */
    public static String deadLetterTopic(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlt";
    }
}
