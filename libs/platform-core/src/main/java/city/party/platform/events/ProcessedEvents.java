package city.party.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Flux;
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
        return isProcessed(event.getId()).flatMap(seen -> {
            if (seen) {
                return Mono.just(false);
            }
            Mono<Document> record = Mono.fromSupplier(() -> recordOf(event));
            return Mono.defer(effect).then(record).flatMap(done -> mongo.insert(done, COLLECTION)).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, e -> Mono.just(false));
        });
    }

    /** For listener threads (never an event loop): waits for {@link #handleOnce} to finish. */
    public boolean handleOnceBlocking(CloudEvent event, Supplier<Mono<?>> effect) {
        return Boolean.TRUE.equals(handleOnce(event, effect).block(timeout));
    }

    /**
     * For batch listeners (listener threads only): every record of one poll takes effect once, in the
     * order of the poll. Same guarantee as {@link #handleOnce}, with the bookkeeping done per poll
     * instead of per record — one look-up of the poll's ids and one insert of those that took effect,
     * instead of two round trips per record, which under a backlog were half of a consumer's work.
     *
     * @param effectOf the effect of one record, or null when this consumer does not need its type; it
     *        throws {@link InvalidEventException} for a record that is not a usable event
     * @throws BatchListenerFailedException naming the first record that failed: the records before it
     *         are recorded (their offsets are committed by the error handler), the failed one is
     *         retried or dead-lettered, the ones after it are delivered again
     */
    public void handleEachOnceBlocking(List<ConsumerRecord<String, CloudEvent>> records,
            Function<ConsumerRecord<String, CloudEvent>, Mono<?>> effectOf) {
        Set<String> seen = new HashSet<>(alreadyProcessed(records));
        List<Document> done = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, CloudEvent> record = records.get(index);
            try {
                CloudEvent event = record.value();
                if (event != null && event.getId() != null && seen.contains(key(event.getId()))) {
                    continue; // processed before, or redelivered within this poll
                }
                Mono<?> effect = effectOf.apply(record);
                if (effect == null) {
                    continue; // a type this consumer does not need
                }
                seen.add(key(event.getId()));
                effect.block(timeout);
                done.add(recordOf(event));
            }
            catch (RuntimeException e) {
                recordAll(done);
                throw new BatchListenerFailedException("record " + record.topic() + "/" + record.partition() + "@"
                        + record.offset() + " failed: " + e.getMessage(), e, index);
            }
        }
        recordAll(done);
    }

    private Set<String> alreadyProcessed(List<ConsumerRecord<String, CloudEvent>> records) {
        List<String> keys = records.stream().map(ConsumerRecord::value)
                .filter(event -> event != null && event.getId() != null).map(event -> key(event.getId())).distinct()
                .toList();
        if (keys.isEmpty()) {
            return Set.of();
        }
        Set<String> seen = mongo.find(query(where("_id").in(keys)), Document.class, COLLECTION)
                .map(document -> document.getString("_id")).collect(Collectors.toSet())
                .block(timeout);
        return seen == null ? Set.of() : seen;
    }

    /** Unordered, so one id recorded meanwhile by another consumer does not keep the rest out. */
    private void recordAll(List<Document> done) {
        if (done.isEmpty()) {
            return;
        }
        mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> Flux.from(collection.insertMany(done, new InsertManyOptions().ordered(false))))
                .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                        .allMatch(error -> error.getCode() == 11000) ? Flux.empty() : Flux.error(e))
                .then().block(timeout);
    }

    private String key(String eventId) {
        return consumer + ":" + eventId;
    }

    /**
     * Taken when the effect is done, so processedAt says when the read model showed the event (the
     * event propagation benchmark reads it instead of polling the service).
     */
    private Document recordOf(CloudEvent event) {
        return new Document("_id", key(event.getId())).append("type", event.getType())
                .append("subject", event.getSubject()).append("processedAt", Date.from(clock.instant()));
    }

    public Mono<Boolean> isProcessed(String eventId) {
        return mongo.exists(query(where("_id").is(key(eventId))), COLLECTION);
    }
}
