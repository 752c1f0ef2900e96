package city.party.platform.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import city.party.platform.test.TestInfrastructure;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-poll bookkeeping of {@link ProcessedEvents}, against the MongoDB emulator. */
class ProcessedEventsBatchTest {

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final ReactiveMongoTemplate mongo = new ReactiveMongoTemplate(client, "processed-" + UUID.randomUUID());
    private final ProcessedEvents processed = new ProcessedEvents(mongo, "honor-service", Clock.systemUTC(),
            Duration.ofSeconds(10));
    private final List<String> effects = new ArrayList<>();

    @AfterEach
    void close() {
        mongo.getMongoDatabase().flatMap(db -> Mono.from(db.drop())).block();
        client.close();
    }

    static ConsumerRecord<String, CloudEvent> record(long offset, String id, String type) {
        CloudEvent event = id == null ? null : CloudEventBuilder.v1().withId(id).withSource(URI.create("/test"))
                .withType(type).withSubject("m-" + id).build();
        return new ConsumerRecord<>("party.members", 0, offset, "m-" + id, event);
    }

    Mono<?> effectOf(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null) {
            throw new InvalidEventException("not an event");
        }
        if (event.getType().equals("unneeded")) {
            return null;
        }
        if (event.getType().equals("failing")) {
            return Mono.error(new IllegalStateException("read model unavailable"));
        }
        return Mono.fromRunnable(() -> effects.add(event.getId()));
    }

    long recorded() {
        return mongo.count(new org.springframework.data.mongodb.core.query.Query(), ProcessedEvents.COLLECTION).block();
    }

    @Test
    void eachEventTakesEffectOnceAcrossPollsAndWithinOne() {
        processed.handleEachOnceBlocking(List.of(record(0, "e-1", "t"), record(1, "e-2", "t"), record(2, "e-1", "t")),
                this::effectOf);
        // A redelivered poll (e.g. after a rebalance) with one new event.
        processed.handleEachOnceBlocking(List.of(record(1, "e-2", "t"), record(3, "e-3", "t")), this::effectOf);

        assertThat(effects).containsExactly("e-1", "e-2", "e-3");
        assertThat(recorded()).isEqualTo(3);
        assertThat(processed.isProcessed("e-3").block()).isTrue();
        Document e1 = mongo.findById("honor-service:e-1", Document.class, ProcessedEvents.COLLECTION).block();
        assertThat(e1).isNotNull();
        assertThat(e1.get("processedAt")).isNotNull();
        assertThat(e1.get("subject")).isEqualTo("m-e-1");
    }

    @Test
    void typesTheConsumerDoesNotNeedAreNeitherAppliedNorRecorded() {
        processed.handleEachOnceBlocking(List.of(record(0, "e-1", "unneeded"), record(1, "e-2", "t")), this::effectOf);

        assertThat(effects).containsExactly("e-2");
        assertThat(processed.isProcessed("e-1").block()).isFalse();
    }

    @Test
    void aFailingRecordIsNamedByItsIndexAndTheRecordsBeforeItAreKept() {
        List<ConsumerRecord<String, CloudEvent>> poll = List.of(record(0, "e-1", "t"), record(1, "e-2", "t"),
                record(2, "e-3", "failing"), record(3, "e-4", "t"));

        assertThatThrownBy(() -> processed.handleEachOnceBlocking(poll, this::effectOf))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                });
        assertThat(effects).containsExactly("e-1", "e-2");
        assertThat(processed.isProcessed("e-1").block()).isTrue();
        assertThat(processed.isProcessed("e-2").block()).isTrue();
        assertThat(processed.isProcessed("e-3").block()).isFalse();

        // The error handler commits the first two and delivers the rest again: nothing is applied twice.
        processed.handleEachOnceBlocking(poll, record -> record.offset() == 2 ? Mono.empty() : effectOf(record));
        assertThat(effects).containsExactly("e-1", "e-2", "e-4");
        assertThat(recorded()).isEqualTo(4);
    }

    @Test
    void aRecordThatIsNotAnEventIsPoisonAtItsIndex() {
        assertThatThrownBy(() -> processed.handleEachOnceBlocking(List.of(record(0, "e-1", "t"), record(1, null, "t")),
                this::effectOf)).isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(InvalidEventException.class);
                });
        assertThat(processed.isProcessed("e-1").block()).isTrue();
    }

    @Test
    void anIdRecordedMeanwhileByAnotherConsumerDoesNotKeepTheOthersOut() {
        // e-1's effect runs while another instance of the consumer records e-1 (a rebalance): the
        // poll's insert meets a duplicate first and must still record the rest.
        processed.handleEachOnceBlocking(List.of(record(0, "e-1", "t"), record(1, "e-2", "t")),
                record -> record.offset() == 0 ? mongo.insert(new Document("_id", "honor-service:e-1"),
                        ProcessedEvents.COLLECTION) : effectOf(record));

        assertThat(effects).containsExactly("e-2");
        assertThat(processed.isProcessed("e-2").block()).isTrue();
        assertThat(recorded()).isEqualTo(2);
    }
}
