package city.party.platform.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ProcessedEventsTest {

    private final ReactiveMongoTemplate mongo = mock(ReactiveMongoTemplate.class);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-07-01T08:00:00Z"));
    private final Clock clock = mock(Clock.class);
    {
        when(clock.instant()).thenAnswer(call -> now.get());
    }
    private final ProcessedEvents processed = new ProcessedEvents(mongo, "honor-service", clock, Duration.ofSeconds(5));
    private final CloudEvent event = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/member-service"))
            .withType("party.member.registered.v1").withSubject("m-1").build();

    @Test
    void recordsTheEventWhenItsEffectIsDoneSoProcessedAtSaysWhenTheReadModelShowedIt() {
        when(mongo.exists(any(Query.class), eq(ProcessedEvents.COLLECTION))).thenReturn(Mono.just(false));
        when(mongo.insert(any(Document.class), eq(ProcessedEvents.COLLECTION)))
                .thenAnswer(call -> Mono.just(call.getArgument(0)));
        Instant effectDone = Instant.parse("2026-07-01T08:00:00.250Z");

        boolean ran = processed.handleOnceBlocking(event, () -> Mono.fromRunnable(() -> now.set(effectDone)));

        assertThat(ran).isTrue();
        ArgumentCaptor<Document> record = ArgumentCaptor.forClass(Document.class);
        verify(mongo).insert(record.capture(), eq(ProcessedEvents.COLLECTION));
        assertThat(record.getValue().get("_id")).isEqualTo("honor-service:e-1");
        assertThat(record.getValue().get("subject")).isEqualTo("m-1");
        assertThat(record.getValue().get("processedAt")).isEqualTo(Date.from(effectDone));
    }

    @Test
    void anEventAlreadyProcessedRunsNoEffectAndRecordsNothing() {
        when(mongo.exists(any(Query.class), eq(ProcessedEvents.COLLECTION))).thenReturn(Mono.just(true));

        boolean ran = processed.handleOnceBlocking(event, () -> Mono.error(new AssertionError("effect ran")));

        assertThat(ran).isFalse();
        verify(mongo, never()).insert(any(Document.class), eq(ProcessedEvents.COLLECTION));
    }
}
