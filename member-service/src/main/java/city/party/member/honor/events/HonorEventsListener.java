package city.party.member.honor.events;

import java.time.Instant;

import city.party.platform.events.Events;
import city.party.platform.events.InvalidEventException;
import city.party.platform.events.ProcessedEvents;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Puts honor-service's awards on the members' and organisations' records. Idempotent (by event
 * id) and order-tolerant: a revocation that arrives before its award is kept, and the late award
 * only fills in the award's facts, never clears the revocation.
 */
@Component
class HonorEventsListener {

    static final String AWARDED = "party.honor.awarded.v1";
    static final String REVOKED = "party.honor.revoked.v1";

    /** Only the fields the register shows; unknown ones are ignored. */
    record Awarded(String awardId, String programId, String category, String nomineeType, String nomineeId,
            String organizationId, String unitId, Instant awardedAt) {
    }

    record Revoked(String awardId, String nomineeType, String nomineeId, String reason, Instant revokedAt) {
    }

    private final ProcessedEvents processed;
    private final ReactiveMongoTemplate mongo;

    HonorEventsListener(ProcessedEvents processed, ReactiveMongoTemplate mongo) {
        this.processed = processed;
        this.mongo = mongo;
    }

    @KafkaListener(topics = "party.honors")
    void on(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (!AWARDED.equals(event.getType()) && !REVOKED.equals(event.getType())) {
            return; // nominations, reviews, notices: honor-service's own business
        }
        processed.handleOnceBlocking(event, () -> apply(event));
    }

    private Mono<?> apply(CloudEvent event) {
        if (AWARDED.equals(event.getType())) {
            Awarded a = Events.data(event, Awarded.class);
            require(event, a.awardId(), a.nomineeType(), a.nomineeId());
            return mongo.upsert(query(where("_id").is(a.awardId())), new Update().set("programId", a.programId())
                    .set("category", a.category()).set("nomineeType", a.nomineeType())
                    .set("nomineeId", a.nomineeId()).set("organizationId", a.organizationId())
                    .set("unitId", a.unitId()).set("awardedAt", a.awardedAt()), "honors");
        }
        Revoked r = Events.data(event, Revoked.class);
        require(event, r.awardId(), r.nomineeType(), r.nomineeId());
        return mongo.upsert(query(where("_id").is(r.awardId())), new Update().set("nomineeType", r.nomineeType())
                .set("nomineeId", r.nomineeId()).set("revokedAt", r.revokedAt()).set("revocationReason", r.reason()),
                "honors");
    }

    private static void require(CloudEvent event, String... values) {
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new InvalidEventException("event " + event.getId() + " (" + event.getType()
                        + ") lacks the award id or the nominee");
            }
        }
    }
}
