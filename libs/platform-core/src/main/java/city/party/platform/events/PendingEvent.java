package city.party.platform.events;

import java.time.Instant;

/**
 * A domain event waiting in its aggregate's outbox. It is written in the same document write as
 * the state change that caused it, so the change and the fact that it must be announced can
 * never be separated by a crash.
 *
 * @param eventId  the CloudEvents {@code id} (UUID); consumers de-duplicate on it
 * @param topic    the Kafka topic of the aggregate family, e.g. {@code party.members}
 * @param type     versioned CloudEvents type, e.g. {@code party.member.registered.v1}
 * @param subject  the aggregate id; also the record key, which gives per-aggregate order
 * @param time     when the change happened
 * @param data     the JSON body exactly as it will be published
 * @param traceparent the W3C trace context of the request that caused the change, if it was traced:
 *                 the relay publishes it as the record's {@code traceparent} header, so the
 *                 consumers' work continues the same trace although the event leaves later
 */
public record PendingEvent(String eventId, String topic, String type, String subject, Instant time, String data,
        String traceparent) {

    public PendingEvent(String eventId, String topic, String type, String subject, Instant time, String data) {
        this(eventId, topic, type, subject, time, data, null);
    }

    PendingEvent withTraceparent(String value) {
        return new PendingEvent(eventId, topic, type, subject, time, data, value);
    }
}
