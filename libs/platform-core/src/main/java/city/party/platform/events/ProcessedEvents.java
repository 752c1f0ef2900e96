package city.party.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.function.Supplier;

import io.cloudevents.CloudEvent;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Makes a consumer idempotent by {@code ce_id}. Kafka and the outbox relay deliver at least once;
 * this store turns that into exactly once in effect for effects that are themselves safe to repeat
 * after a crash (upserts, version-checked writes): the effect runs first, then the id is recorded,
 * so a crash in between repeats the effect instead of losing it.
 */
public class ProcessedEvents {

    public static final String COLLECTION = "processed_events";

    private final ReactiveMongoTemplate mongo;
    private final String consumer;
    private final Clock clock;
    private final Duration timeout;

    public ProcessedEvents(ReactiveMongoTemplate mongo, String consumer, Clock clock, Duration timeout) {
        this.mongo = mongo;
        this.consumer = consumer;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Runs {@code effect} unless this consumer already processed the event; true if it ran. */
    public Mono<Boolean> handleOnce(CloudEvent event, Supplier<Mono<?>> effect) {
        String key = consumer + ":" + event.getId();
        return mongo.exists(query(where("_id").is(key)), COLLECTION).flatMap(seen -> {
            if (seen) {
                return Mono.just(false);
            }
            // processedAt is taken when the effect is done: it says when the read model showed the
            // event (the event propagation benchmark reads it instead of polling the service).
            Mono<Document> record = Mono.fromSupplier(() -> new Document("_id", key).append("type", event.getType())
                    .append("subject", event.getSubject()).append("processedAt", Date.from(clock.instant())));
            return Mono.defer(effect).then(record).flatMap(done -> mongo.insert(done, COLLECTION)).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
        });
    }

    /** For listener threads (never an event loop): waits for {@link #handleOnce} to finish. */
    public boolean handleOnceBlocking(CloudEvent event, Supplier<Mono<?>> effect) {
        return Boolean.TRUE.equals(handleOnce(event, effect).block(timeout));
    }

    public Mono<Boolean> isProcessed(String eventId) {
        return mongo.exists(query(where("_id").is(consumer + ":" + eventId)), COLLECTION);
    }
}
