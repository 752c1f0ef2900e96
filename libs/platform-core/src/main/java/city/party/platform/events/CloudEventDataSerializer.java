package city.party.platform.events;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes only the event's data. Used for dead-letter records: the dead-letter recoverer copies the
 * original {@code ce_*} headers itself, so writing them again (as the CloudEvents serializer would)
 * would duplicate them.
 */
public class CloudEventDataSerializer implements Serializer<CloudEvent> {

    @Override
    public byte[] serialize(String topic, CloudEvent event) {
        return event == null || event.getData() == null ? null : event.getData().toBytes();
    }

    @Override
    public byte[] serialize(String topic, Headers headers, CloudEvent event) {
        return serialize(topic, event);
    }
}
