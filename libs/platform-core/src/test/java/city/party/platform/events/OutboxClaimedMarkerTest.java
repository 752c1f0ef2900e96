package city.party.platform.events;

import java.time.Duration;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The relay claims (removes) an aggregate's marker before it reads and publishes the aggregate's
 * events. Whatever stops that work — a failed read, the pass's timeout — must put the marker back,
 * or the events wait for the next full scan (every ten minutes) instead of the next pass.
 */
class OutboxClaimedMarkerTest {

    private static final OutboxMarkers.Marker MARKER = new OutboxMarkers.Marker("samples/s-1", "samples", "s-1");

    private final ReactiveMongoTemplate mongo = mock(ReactiveMongoTemplate.class);
    private final OutboxMarkers markers = mock(OutboxMarkers.class);
    private final OutboxRelay relay = OutboxRelayFixture.relayOver(mongo, markers);

    @BeforeEach
    void aPassAfterTheStartScanWithOneMarkedAggregate() {
        when(markers.next(anyInt())).thenReturn(Flux.empty());
        when(markers.count()).thenReturn(Mono.just(0L));
        when(mongo.find(any(Query.class), eq(Document.class), anyString())).thenReturn(Flux.empty());
        relay.relayOnce().block(); // the full scan due at the start
        clearInvocations(mongo);
        when(markers.claim(any())).thenReturn(Mono.just(MARKER));
        relay.marked(List.of(new OutboxMarkers.Pending("samples", "s-1")));
    }

    @Test
    void aReadThatFailsAfterTheClaimPutsTheMarkerBack() {
        when(mongo.findOne(any(Query.class), eq(Document.class), eq("samples")))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("mongo went away")));
        when(markers.mark("samples", "s-1")).thenReturn(Mono.empty());

        assertThatThrownBy(() -> relay.relayOnce().block()).isInstanceOf(DataAccessResourceFailureException.class);
        verify(markers).mark("samples", "s-1");

        // and the next pass takes it up again (a hint, not the ten-minute scan)
        when(mongo.findOne(any(Query.class), eq(Document.class), eq("samples"))).thenReturn(Mono.empty());
        relay.relayOnce().block();
        verify(markers, times(2)).claim(any());
    }

    @Test
    void aPassCancelledByItsTimeoutPutsTheClaimedMarkerBack() {
        when(mongo.findOne(any(Query.class), eq(Document.class), eq("samples"))).thenReturn(Mono.never());
        when(markers.mark("samples", "s-1")).thenReturn(Mono.empty());

        assertThatThrownBy(() -> relay.relayOnce().timeout(Duration.ofMillis(200)).block())
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(markers).mark("samples", "s-1"));
    }

    @Test
    void aMarkerThatCannotBePutBackMakesTheNextPassScan() {
        when(mongo.findOne(any(Query.class), eq(Document.class), eq("samples")))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("mongo went away")));
        when(markers.mark("samples", "s-1"))
                .thenReturn(Mono.error(new DataAccessResourceFailureException("still away")));

        assertThatThrownBy(() -> relay.relayOnce().block()).isInstanceOf(DataAccessResourceFailureException.class);
        verify(mongo, times(0)).find(any(Query.class), eq(Document.class), eq("samples"));
        relay.relayOnce().block();
        verify(mongo, times(1)).find(any(Query.class), eq(Document.class), eq("samples"));
    }
}
