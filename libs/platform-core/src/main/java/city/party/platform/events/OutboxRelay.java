package city.party.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.PartialIndexFilter;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Publishes the events that aggregates left in their outbox, in order per aggregate, and removes
 * each one only after Kafka acknowledged it ({@code acks=all}, idempotent producer).
 *
 * <p>Work is found through {@link OutboxMarkers}: one small document per aggregate with unpublished
 * events, written right after the aggregate. A relay claims a marker by deleting it (so only one
 * replica works on an aggregate at a time), reads the aggregate by {@code _id}, publishes, and pulls
 * the published events by {@code _id}. Every access to the aggregate collections is by {@code _id}
 * alone, which every MongoDB and the local emulator answer without scanning. A full scan for outboxes without a marker (a crash between the aggregate's
 * write and its marker's, or between a claim and the publication) runs at start and then now and
 * then, so nothing is ever left behind.
 *
 * <p>Delivery is at least once: a crash after Kafka's acknowledgement but before the removal
 * publishes that event again with the same {@code ce_id}, which consumers de-duplicate. Nothing is
 * lost while Kafka is unreachable: a failed publication puts the marker back and the relay retries
 * with exponential backoff.
 */
public class OutboxRelay implements SmartLifecycle {

    static final String OUTBOX = "outbox";
    private static final int MAX_HINTS = 200_000;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate mongo;
    private final KafkaTemplate<String, CloudEvent> kafka;
    private final KafkaAdmin kafkaAdmin;
    private final List<String> collections;
    private final OutboxMarkers markers;
    private final URI source;
    private final RelaySettings settings;
    private final Clock clock;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    /*
     * Markers this process wrote, so the relay can claim them by _id instead of reading the marker
     * collection (which the emulator answers by reading all of it: with a 100,000-member import's
     * backlog, each batch cost a full read). Only a hint: the collection stays the record, read
     * when there are no hints, and a hint whose marker another replica took is simply skipped.
     */
    private final java.util.Queue<OutboxMarkers.Marker> hints = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger hintCount = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong pendingAggregates = new AtomicLong();
    private final Counter published;
    private final Counter failures;

    private volatile Disposable loop;
    private volatile Scheduler relayScheduler;
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Duration backoff;
    private volatile Instant nextPendingCount = Instant.MIN;
    private volatile Instant nextFullScan = Instant.MIN;
    /** Counts {@link #requestFullScan} calls, so that one made while a scan runs is not swallowed by it. */
    private final AtomicLong fullScanRequests = new AtomicLong();
    private volatile boolean topicsEnsured;

    public OutboxRelay(ReactiveMongoTemplate mongo, KafkaTemplate<String, CloudEvent> kafka, KafkaAdmin kafkaAdmin,
            List<String> collections, OutboxMarkers markers, URI source, RelaySettings settings, MeterRegistry meters,
            Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.kafkaAdmin = kafkaAdmin;
        this.collections = List.copyOf(collections);
        this.markers = markers;
        this.source = source;
        this.settings = settings;
        this.clock = clock;
        this.backoff = settings.pollInterval();
        this.published = Counter.builder("platform.outbox.published").description("events published to Kafka")
                .register(meters);
        this.failures = Counter.builder("platform.outbox.publish.failures")
                .description("publication attempts that Kafka did not acknowledge").register(meters);
        Gauge.builder("platform.outbox.pending.aggregates", pendingAggregates, AtomicLong::get)
                .description("aggregates whose outbox still holds unpublished events").register(meters);
    }

    /** Asks the relay to look for work now instead of at the next poll. */
    public void wakeUp() {
        wakeUps.tryEmitNext(Boolean.TRUE);
    }

    /**
     * Asks for a full scan at the next pass instead of at the next interval: markers could not be
     * written (the database went away mid-write), so their aggregates' events are found only by
     * reading the aggregate collections — minutes later otherwise (seen in the July-1 scenario: a
     * registration made two seconds before a Mongo restart stayed unpublished for ten minutes).
     */
    public void requestFullScan() {
        fullScanRequests.incrementAndGet();
        nextFullScan = Instant.MIN;
        wakeUp();
    }

    /** Markers just written: work for the next passes, claimed by {@code _id}. */
    void marked(List<OutboxMarkers.Pending> written) {
        for (OutboxMarkers.Pending pending : written) {
            if (hintCount.incrementAndGet() > MAX_HINTS) {
                // past the bound the marker collection is read instead, as after a restart
                hintCount.decrementAndGet();
                break;
            }
            hints.add(new OutboxMarkers.Marker(OutboxMarkers.key(pending.collection(), pending.aggregateId()),
                    pending.collection(), pending.aggregateId()));
        }
        wakeUp();
    }

    private Flux<OutboxMarkers.Marker> nextMarkers() {
        if (hintCount.get() == 0) {
            return markers.next(settings.batchSize());
        }
        List<OutboxMarkers.Marker> batch = new ArrayList<>(settings.batchSize());
        OutboxMarkers.Marker hint;
        while (batch.size() < settings.batchSize() && (hint = hints.poll()) != null) {
            hintCount.decrementAndGet();
            batch.add(hint);
        }
        return Flux.fromIterable(batch);
    }

    /**
     * One pass: marks the outboxes a full scan finds (when one is due), then publishes up to a
     * batch of marked aggregates; returns how many events were published.
     */
    public Mono<Long> relayOnce() {
        return Mono.defer(() -> {
            // One aggregate's failure must not cancel the others of the batch: each cancelled one
            // would have to put its claimed marker back and start again at the next pass.
            AtomicReference<Throwable> failure = new AtomicReference<>();
            return fullScanIfDue().thenMany(Flux.defer(this::nextMarkers))
                    .flatMap(marker -> claimAndPublish(marker).onErrorResume(e -> {
                        failure.compareAndSet(null, e);
                        return Mono.just(0L);
                    }), settings.concurrency())
                    .reduce(0L, Long::sum)
                    .flatMap(count -> failure.get() == null ? refreshPendingGauge().thenReturn(count)
                            : Mono.error(failure.get()));
        });
    }

    /** Marks every aggregate whose outbox holds events; returns how many it found. */
    public Mono<Long> fullScan() {
        return Flux.fromIterable(collections).concatMap(collection -> {
            Query pending = query(where(OUTBOX + ".eventId").exists(true));
            pending.fields().include("_id").include(OUTBOX + ".eventId");
            return mongo.find(pending, Document.class, collection)
                    // checked here too: stores differ on $exists over array elements
                    .filter(doc -> !pendingEvents(doc).isEmpty())
                    .map(doc -> new OutboxMarkers.Pending(collection, doc.get("_id")))
                    .buffer(500).concatMap(batch -> markers.markAll(batch).then(Mono.fromRunnable(() -> marked(batch)))
                            .thenReturn((long) batch.size()));
        }).reduce(0L, Long::sum);
    }

    private Mono<Long> fullScanIfDue() {
        Instant now = Instant.now(clock);
        if (now.isBefore(nextFullScan)) {
            return Mono.empty();
        }
        long requestsBefore = fullScanRequests.get();
        return fullScan().doOnNext(found -> {
            // a request made while this scan ran may concern markers it already missed: scan again
            nextFullScan = fullScanRequests.get() != requestsBefore ? Instant.MIN
                    : now.plus(settings.fullScanInterval());
            if (found > 0) {
                log.info("outbox full scan marked {} aggregate(s) with unpublished events", found);
            }
        });
    }

    @Override
    public void start() {
        // On a real MongoDB the full scan reads only aggregates with events; the emulator has no
        // partial indexes ($exists is no equality) and scans.
        Flux<String> indexes = Flux.fromIterable(collections).flatMap(c -> mongo.indexOps(c)
                .createIndex(new Index().on(OUTBOX + ".eventId", Sort.Direction.ASC).named("outboxPending")
                        .partial(PartialIndexFilter.of(where(OUTBOX + ".eventId").exists(true)))));
        Scheduler scheduler = Schedulers.newSingle("outbox-relay");
        relayScheduler = scheduler;
        Flux<Object> ticks = Flux.merge(Flux.interval(Duration.ZERO, settings.pollInterval()), wakeUps.asFlux());
        loop = indexes.onErrorResume(e -> {
            log.warn("could not ensure outbox indexes yet: {}", e.getMessage());
            return Flux.empty();
        }).thenMany(ticks).onBackpressureDrop()
                // Ticks run on a scheduler of their own, never on the thread that saved an aggregate.
                .publishOn(scheduler, 1)
                .concatMap(tick -> tick(), 1).subscribe();
    }

    private Mono<Long> tick() {
        if (Instant.now(clock).isBefore(pausedUntil)) {
            return Mono.just(0L);
        }
        // A database or broker call that never answers must not stop the relay for good (seen once
        // on the emulator: every later event stayed unpublished): give up on the pass, try again.
        return relayOnce().timeout(settings.sendTimeout().multipliedBy(3))
                .doOnNext(count -> backoff = settings.pollInterval()).onErrorResume(e -> {
            failures.increment();
            Duration wait = backoff;
            backoff = wait.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                    : wait.multipliedBy(2);
            pausedUntil = Instant.now(clock).plus(wait);
            log.warn("outbox relay could not publish, retrying in {}: {}", wait, e.toString());
            return Mono.just(0L);
        });
    }

    private Mono<Long> claimAndPublish(OutboxMarkers.Marker marker) {
        if (!collections.contains(marker.collection())) {
            log.warn("dropping outbox marker of unknown collection {}", marker.collection());
            return markers.claim(marker).thenReturn(0L);
        }
        return markers.claim(marker).flatMap(claimed -> {
            Query byId = query(where("_id").is(marker.aggregateId()));
            byId.fields().include(OUTBOX);
            // From the claim on, the marker is this pass's alone: whatever stops the work (a failed
            // read, send or pull, or the pass's timeout cancelling it) puts it back, or the events
            // would wait for the next full scan — minutes, not the next pass. A marker put back for
            // an aggregate with nothing left to publish costs the next pass one empty read.
            return mongo.findOne(byId, Document.class, marker.collection())
                    .flatMap(doc -> publishInOrder(marker, pendingEvents(doc)))
                    .defaultIfEmpty(0L)
                    .onErrorResume(e -> putBack(marker).then(Mono.error(e)));
        }).doOnCancel(() -> putBack(marker).subscribe()); // the claim itself may have been under way
    }

    /** Marks the aggregate again for the next pass; if even that fails, the next pass scans. */
    private Mono<Void> putBack(OutboxMarkers.Marker marker) {
        return markers.mark(marker.collection(), marker.aggregateId())
                .then(Mono.fromRunnable(() -> marked(List.of(
                        new OutboxMarkers.Pending(marker.collection(), marker.aggregateId())))))
                .onErrorResume(e -> {
                    log.warn("could not put back the outbox marker of {}; the next pass scans: {}", marker.key(),
                            e.toString());
                    requestFullScan();
                    return Mono.empty();
                }).then();
    }

    private Mono<Long> publishInOrder(OutboxMarkers.Marker marker, List<Document> events) {
        if (events.isEmpty()) {
            return Mono.just(0L);
        }
        List<String> sent = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        return Flux.fromIterable(events).concatMap(event -> send(event).doOnSuccess(x -> {
            sent.add(event.getString("eventId"));
            published.increment();
        })).then(Mono.just(true)).onErrorResume(e -> {
            failure[0] = e;
            return Mono.just(false);
        // the rest is published on a later attempt (the caller puts the marker back)
        }).flatMap(ok -> markSent(marker, sent).then(ok ? Mono.just((long) sent.size()) : Mono.error(failure[0])));
    }

    private Mono<Void> markSent(OutboxMarkers.Marker marker, List<String> sent) {
        if (sent.isEmpty()) {
            return Mono.empty();
        }
        Update pull = new Update().pull(OUTBOX, new Document("eventId", new Document("$in", sent)));
        return mongo.updateFirst(query(where("_id").is(marker.aggregateId())), pull, marker.collection()).then();
    }

    private Mono<Void> send(Document event) {
        Date time = event.getDate("time");
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(event.getString("eventId"))
                .withSource(source)
                .withType(event.getString("type"))
                .withSubject(event.getString("subject"))
                .withTime(time.toInstant().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(event.getString("data").getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerRecord<String, CloudEvent> record = new ProducerRecord<>(event.getString("topic"),
                event.getString("subject"), cloudEvent);
        String traceparent = event.getString("traceparent");
        if (traceparent != null) {
            // W3C trace context, which the consumers' listener observation continues
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        // KafkaTemplate.send blocks while it waits for metadata (max.block.ms): keep it off the event loop.
        return Mono.fromFuture(() -> kafka.send(record)).subscribeOn(Schedulers.boundedElastic())
                .timeout(settings.sendTimeout())
                // Creating topics blocks for seconds; the error may arrive on a timer (parallel) thread,
                // which every timeout and delay of the application shares — never block one.
                .onErrorResume(e -> Mono.fromRunnable(this::ensureTopics).subscribeOn(Schedulers.boundedElastic())
                        .then(Mono.error(e)))
                .then();
    }

    private void ensureTopics() {
        // The service may have started while Kafka was down, so its topics may not exist yet
        // (the broker does not auto-create topics). Create them once Kafka answers again.
        if (!topicsEnsured && kafkaAdmin != null) {
            try {
                topicsEnsured = kafkaAdmin.initialize();
            }
            catch (RuntimeException e) {
                log.debug("topics not created yet: {}", e.getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Document> pendingEvents(Document aggregate) {
        Object outbox = aggregate.get(OUTBOX);
        return outbox instanceof List<?> list ? (List<Document>) list : List.of();
    }

    private Mono<Void> refreshPendingGauge() {
        Instant now = Instant.now(clock);
        if (now.isBefore(nextPendingCount)) {
            return Mono.empty();
        }
        nextPendingCount = now.plus(Duration.ofSeconds(10));
        return markers.count().doOnNext(pendingAggregates::set).then();
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null) {
            running.dispose();
        }
        loop = null;
        Scheduler scheduler = relayScheduler;
        if (scheduler != null) {
            scheduler.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    @Override
    public int getPhase() {
        // Stop after the web server has drained (it stops at a higher phase), start before it.
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    /** Tuning of the relay; see {@code platform.events.relay.*}. */
    public record RelaySettings(Duration pollInterval, Duration maxBackoff, Duration fullScanInterval,
            Duration sendTimeout, int batchSize, int concurrency) {
    }
}
