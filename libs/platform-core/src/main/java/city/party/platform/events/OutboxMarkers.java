package city.party.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The relay's work list: one document per aggregate whose outbox holds unpublished events, in a
 * collection of its own that stays as small as the backlog. Finding work in it is cheap however
 * large the aggregate collections grow — without relying on a secondary index (the local emulator
 * has none for "has pending events": its indexes answer equality only).
 *
 * <p>A marker is written after its aggregate, in the background and in batches (one bulk write for
 * all aggregates saved meanwhile: a 500-member import chunk costs one round trip, not 500). The
 * aggregate's save does not wait for it: if the process dies first, the relay's full scan at the
 * next start finds the outbox. Code that appends events with an update of its own (instead of
 * saving an {@link AggregateRoot}, whose saves are marked automatically) calls {@link #pending}
 * after that update.
 */
public class OutboxMarkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxMarkers.class);
    private static final int BATCH = 500;
    private static final Duration EMIT_TIMEOUT = Duration.ofSeconds(1);

    static final String COLLECTION = "outbox_pending";

    private final ReactiveMongoTemplate mongo;
    private final ObjectProvider<OutboxRelay> relay;
    private final Clock clock;
    private volatile Sinks.Many<Pending> requests;
    private volatile Disposable writer;

    public OutboxMarkers(ReactiveMongoTemplate mongo, ObjectProvider<OutboxRelay> relay, Clock clock) {
        this.mongo = mongo;
        this.relay = relay;
        this.clock = clock;
    }

    /** Records (soon, with whatever else was saved meanwhile) that the aggregate has events to publish. */
    public void pending(String collection, Object aggregateId) {
        Sinks.Many<Pending> sink = requests;
        try {
            if (sink != null) {
                // several threads save at once; the sink takes one at a time, so wait briefly for a turn
                sink.emitNext(new Pending(collection, aggregateId), Sinks.EmitFailureHandler.busyLooping(EMIT_TIMEOUT));
                return;
            }
        }
        catch (Sinks.EmissionException e) {
            log.warn("outbox marker for {}/{} not queued ({}); the relay's full scan will find it", collection,
                    aggregateId, e.getReason());
            relay.ifAvailable(OutboxRelay::requestFullScan);
            return;
        }
        // not running (yet, or any more): the full scan at the next start finds the outbox
        log.debug("outbox marker for {}/{} left to the full scan", collection, aggregateId);
    }

    Mono<Void> mark(String collection, Object aggregateId) {
        return markAll(List.of(new Pending(collection, aggregateId)));
    }

    Mono<Void> markAll(List<Pending> batch) {
        Date now = Date.from(clock.instant());
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (Pending pending : batch) {
            bulk.upsert(query(where("_id").is(key(pending.collection(), pending.aggregateId()))),
                    new Update().set("collection", pending.collection()).set("aggregateId", pending.aggregateId())
                            .setOnInsert("since", now));
        }
        return bulk.execute().then();
    }

    @Override
    public void start() {
        Sinks.Many<Pending> sink = Sinks.many().unicast().onBackpressureBuffer();
        requests = sink;
        // fair backpressure: a batch waits while the previous one is written (the plain variant
        // would fail with an overflow and stop marking)
        writer = sink.asFlux().bufferTimeout(BATCH, Duration.ofMillis(2), true)
                .concatMap(batch -> markAll(batch).doOnSuccess(x -> relay.ifAvailable(r -> r.marked(batch)))
                        .onErrorResume(e -> {
                            log.warn("could not write {} outbox marker(s); the relay's full scan will find them: {}",
                                    batch.size(), e.toString());
                            relay.ifAvailable(OutboxRelay::requestFullScan);
                            return Mono.empty();
                        }), 1)
                .subscribe(null, e -> log.error("outbox marker writer stopped; markers are left to the full scan", e));
    }

    @Override
    public void stop() {
        Sinks.Many<Pending> sink = requests;
        requests = null;
        if (sink != null) {
            // what was asked for before the stop is still written
            sink.tryEmitComplete();
        }
        writer = null;
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    @Override
    public int getPhase() {
        // Starts before and stops after the relay and the web server.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    record Pending(String collection, Object aggregateId) {
    }

    /** Up to {@code limit} markers, oldest first as far as the store keeps insertion order. */
    Flux<Marker> next(int limit) {
        return mongo.find(new Query().limit(limit), Document.class, COLLECTION)
                .map(doc -> new Marker(doc.getString("_id"), doc.getString("collection"), doc.get("aggregateId")));
    }

    /** Takes the marker; empty if another relay took it first. */
    Mono<Marker> claim(Marker marker) {
        return mongo.findAndRemove(query(where("_id").is(marker.key())), Document.class, COLLECTION)
                .map(removed -> marker);
    }

    Mono<Long> count() {
        return mongo.count(new Query(), COLLECTION);
    }

    static String key(String collection, Object aggregateId) {
        return collection + "/" + aggregateId;
    }

    record Marker(String key, String collection, Object aggregateId) {
    }
}
