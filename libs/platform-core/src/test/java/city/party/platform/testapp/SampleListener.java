package city.party.platform.testapp;

import city.party.platform.events.Events;
import city.party.platform.events.ProcessedEvents;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Counts, per sample, the events it took effect for. The count is deliberately NOT idempotent by
 * itself ($inc), so only {@link ProcessedEvents} stands between a redelivery and a double count.
 */
@Component
class SampleListener {

    static final String EFFECTS = "sample_effects";

    private final ProcessedEvents processed;
    private final ReactiveMongoTemplate mongo;
    private final io.micrometer.tracing.Tracer tracer;

    SampleListener(ProcessedEvents processed, ReactiveMongoTemplate mongo, io.micrometer.tracing.Tracer tracer) {
        this.processed = processed;
        this.mongo = mongo;
        this.tracer = tracer;
    }

    @KafkaListener(topics = Sample.TOPIC)
    void on(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        Sample.SampleData data = Events.data(event, Sample.SampleData.class);
        if ("always-fails".equals(data.name())) {
            throw new IllegalStateException("this handler cannot process " + data.id());
        }
        // which trace the consumer's work belongs to (TracingIT: the trace of the request that raised it)
        var span = tracer.currentSpan();
        processed.handleOnceBlocking(event, () -> mongo.upsert(query(where("_id").is(event.getSubject())),
                new Update().inc("count", 1).push("names", data.name())
                        .set("lastTraceId", span == null ? null : span.context().traceId()), EFFECTS));
    }
}
