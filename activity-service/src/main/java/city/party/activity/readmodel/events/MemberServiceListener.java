package city.party.activity.readmodel.events;

import java.util.List;

import city.party.activity.readmodel.application.ReadModelUpdater;
import city.party.platform.events.InvalidEventException;
import city.party.platform.events.ProcessedEvents;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the read model of organisations and members from member-service's topics. Each event
 * takes effect once (by {@code ce_id}); records without an event or with an unusable body go to
 * the dead-letter topic, so a poison record never stalls its partition.
 */
@Component
class MemberServiceListener {

    private final ReadModelUpdater updater;
    private final ProcessedEvents processed;

    MemberServiceListener(ReadModelUpdater updater, ProcessedEvents processed) {
        this.updater = updater;
        this.processed = processed;
    }

    /** A poll at a time: {@link ProcessedEvents} keeps its books per poll, not per record. */
    @KafkaListener(topics = { MemberServiceEvents.ORGANIZATIONS, MemberServiceEvents.MEMBERS }, batch = "true")
    void onEvents(List<ConsumerRecord<String, CloudEvent>> records) {
        processed.handleEachOnceBlocking(records, this::effectOf);
    }

    /** The effect of one record, null for types this service does not need; poison throws. */
    Mono<?> effectOf(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null || event.getId() == null || event.getType() == null) {
            throw new InvalidEventException("record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent");
        }
        if (!updater.understands(event.getType())) {
            return null;
        }
        return Mono.defer(() -> updater.apply(event));
    }
}
