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
 */
public record PendingEvent(String eventId, String topic, String type, String subject, Instant time, String data) {
}
