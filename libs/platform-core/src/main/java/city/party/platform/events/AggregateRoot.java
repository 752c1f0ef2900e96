package city.party.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Version;

/**
 * Base of every aggregate that announces its changes. Events raised while handling a command are
 * kept in {@link #outbox} and saved with the aggregate in one document write (MongoDB guarantees
 * single-document atomicity everywhere; multi-document transactions are not needed and the local
 * emulator does not have them). The {@link OutboxRelay} publishes them and removes them.
 */
public abstract class AggregateRoot {

    @Version
    private Long version;

    private List<PendingEvent> outbox = new ArrayList<>();

    /** Gives the events raised in this unit of work the trace context they were raised in. */
    void stampTrace(String traceparent) {
        if (traceparent == null) {
            return;
        }
        outbox.replaceAll(event -> event.traceparent() == null ? event.withTraceparent(traceparent) : event);
    }

    /** The aggregate id; becomes the CloudEvents subject and the Kafka record key. */
    public abstract String getId();

    /**
     * Records that something happened to this aggregate. The payload is serialised now.
     *
     * @param topic the aggregate family's topic
     * @param type  the versioned event type, e.g. {@code party.member.registered.v1}
     */
    protected void raise(String topic, String type, Object payload) {
        raise(topic, type, payload, Clock.systemUTC());
    }

    protected void raise(String topic, String type, Object payload, Clock clock) {
        if (getId() == null) {
            throw new IllegalStateException("an aggregate needs its id before it can raise events");
        }
        Instant now = Instant.now(clock);
        outbox.add(new PendingEvent(UUID.randomUUID().toString(), topic, type, getId(), now,
                EventJson.write(payload)));
    }

    public List<PendingEvent> getOutbox() {
        return Collections.unmodifiableList(outbox);
    }

    public Long getVersion() {
        return version;
    }
}
