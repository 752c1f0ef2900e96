package city.party.platform.events;

import java.time.Clock;
import java.util.Date;

import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The relay's work list: one document per aggregate whose outbox holds unpublished events, in a
 * collection of its own that stays as small as the backlog. Finding work in it is cheap however
 * large the aggregate collections grow — without relying on a secondary index, which the local
 * emulator does not have.
 *
 * <p>A marker is written after its aggregate. Code that appends events with an update of its own
 * (instead of saving an {@link AggregateRoot}, whose saves are marked automatically) calls
 * {@link #pending} after that update.
 */
public class OutboxMarkers {

    static final String COLLECTION = "outbox_pending";

    private final ReactiveMongoTemplate mongo;
    private final ObjectProvider<OutboxRelay> relay;
    private final Clock clock;

    public OutboxMarkers(ReactiveMongoTemplate mongo, ObjectProvider<OutboxRelay> relay, Clock clock) {
        this.mongo = mongo;
        this.relay = relay;
        this.clock = clock;
    }

    /** Records that the aggregate has events to publish, and asks the relay to publish them now. */
    public Mono<Void> pending(String collection, Object aggregateId) {
        return mark(collection, aggregateId).doOnSuccess(x -> relay.ifAvailable(OutboxRelay::wakeUp));
    }

    Mono<Void> mark(String collection, Object aggregateId) {
        Update marker = new Update().set("collection", collection).set("aggregateId", aggregateId)
                .setOnInsert("since", Date.from(clock.instant()));
        return mongo.upsert(query(where("_id").is(key(collection, aggregateId))), marker, COLLECTION).then();
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
