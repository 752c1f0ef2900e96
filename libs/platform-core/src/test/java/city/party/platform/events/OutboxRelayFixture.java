package city.party.platform.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import static org.mockito.Mockito.mock;

/** A relay over one aggregate collection ({@code samples}) for unit tests that mock its database and markers. */
final class OutboxRelayFixture {

    private OutboxRelayFixture() {
    }

    @SuppressWarnings("unchecked")
    static OutboxRelay relayOver(ReactiveMongoTemplate mongo, OutboxMarkers markers) {
        return new OutboxRelay(mongo, mock(KafkaTemplate.class), mock(KafkaAdmin.class), List.of("samples"), markers,
                URI.create("/test"), new OutboxRelay.RelaySettings(Duration.ofSeconds(1), Duration.ofSeconds(30),
                        Duration.ofMinutes(10), Duration.ofSeconds(40), 400, 4),
                new SimpleMeterRegistry(), Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC));
    }
}
