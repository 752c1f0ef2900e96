package city.party.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.UpdateDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A marker that could not be written (the database went away mid-write) leaves its aggregate's
 * events to the relay's full scan: that scan must come at the next pass, not at the next interval.
 */
class OutboxFullScanRequestTest {

    private final ReactiveMongoTemplate mongo = mock(ReactiveMongoTemplate.class);
    private final OutboxMarkers markers = mock(OutboxMarkers.class);
    private final OutboxRelay relay = OutboxRelayFixture.relayOver(mongo, markers);

    {
        when(markers.next(anyInt())).thenReturn(Flux.empty());
        when(markers.count()).thenReturn(Mono.just(0L));
    }

    @Test
    void aRequestedFullScanRunsAtTheNextPassInsteadOfAfterTheInterval() {
        when(mongo.find(any(Query.class), eq(Document.class), anyString())).thenReturn(Flux.empty());

        relay.relayOnce().block();
        relay.relayOnce().block();
        verify(mongo, times(1)).find(any(Query.class), eq(Document.class), eq("samples"));

        relay.requestFullScan();
        relay.relayOnce().block();
        verify(mongo, times(2)).find(any(Query.class), eq(Document.class), eq("samples"));
        relay.relayOnce().block();
        verify(mongo, times(2)).find(any(Query.class), eq(Document.class), eq("samples"));
    }

    @Test
    void aRequestMadeWhileAScanRunsIsNotSwallowedByIt() {
        AtomicReference<Boolean> first = new AtomicReference<>(true);
        when(mongo.find(any(Query.class), eq(Document.class), anyString())).thenReturn(Flux.defer(() -> {
            if (first.getAndSet(false)) {
                relay.requestFullScan();
            }
            return Flux.empty();
        }));

        relay.relayOnce().block();
        relay.relayOnce().block();
        verify(mongo, times(2)).find(any(Query.class), eq(Document.class), eq("samples"));
    }

    @Test
    void markersThatCouldNotBeWrittenAskTheRelayForAFullScan() {
        ReactiveBulkOperations bulk = mock(ReactiveBulkOperations.class);
        when(mongo.bulkOps(any(BulkOperations.BulkMode.class), eq("outbox_pending"))).thenReturn(bulk);
        when(bulk.upsert(any(Query.class), any(UpdateDefinition.class))).thenReturn(bulk);
        when(bulk.execute()).thenReturn(Mono.error(new DataAccessResourceFailureException("mongo went away")));
        OutboxRelay listening = mock(OutboxRelay.class);
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("relay", listening);
        OutboxMarkers writer = new OutboxMarkers(mongo, beans.getBeanProvider(OutboxRelay.class), Clock.systemUTC());
        writer.start();
        try {
            writer.pending("samples", "s-1");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(listening).requestFullScan());
        }
        finally {
            writer.stop();
        }
    }
}
