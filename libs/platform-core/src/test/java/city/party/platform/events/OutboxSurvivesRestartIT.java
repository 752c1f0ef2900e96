package city.party.platform.events;

import java.time.Duration;
import java.util.UUID;

import city.party.platform.test.TestInfrastructure;
import city.party.platform.testapp.Sample;
import city.party.platform.testapp.SampleRepository;
import city.party.platform.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static city.party.platform.events.EventTestSupport.effects;
import static city.party.platform.events.EventTestSupport.outboxPending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service stops (here: before its relay ever ran) between writing a change and publishing
 * its event. The event is in the document, so the next instance publishes it.
 */
class OutboxSurvivesRestartIT {

    private static ConfigurableApplicationContext start(String database, boolean relay) {
        // Own consumer group: other test classes' cached contexts consume the same topic in this JVM.
        return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
                .run("--spring.mongodb.uri=" + TestInfrastructure.mongoUri() + "/" + database,
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "--platform.events.relay.enabled=" + relay, "--spring.kafka.consumer.group-id=" + database, "--logging.structured.format.console=",
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/party");
    }

    @Test
    void eventWrittenBeforeAStopIsPublishedAfterTheRestart() {
        String database = "restart-" + UUID.randomUUID();
        String id = "restart-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start(database, false)) {
            first.getBean(SampleRepository.class).insert(Sample.create(id, "before-crash")).block();
            assertThat(outboxPending(first, id)).isTrue();
        }
        try (ConfigurableApplicationContext second = start(database, true)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> effects(second, id) != null);
            assertThat(effects(second, id).getInteger("count")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !outboxPending(second, id));
        }
    }

    @Test
    void anOutboxWhoseMarkerWasLostIsFoundByTheFullScanAtStart() {
        String database = "lost-marker-" + UUID.randomUUID();
        String id = "lost-marker-" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = start(database, false)) {
            first.getBean(SampleRepository.class).insert(Sample.create(id, "marker-lost")).block();
            // as if the process had died between the aggregate's write and its marker's
            ReactiveMongoTemplate mongo = first.getBean(ReactiveMongoTemplate.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getCollection(OutboxMarkers.COLLECTION)
                    .flatMap(c -> reactor.core.publisher.Mono.from(c.countDocuments())).block() == 1);
            mongo.dropCollection(OutboxMarkers.COLLECTION).block();
            assertThat(outboxPending(first, id)).isTrue();
        }
        try (ConfigurableApplicationContext second = start(database, true)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> effects(second, id) != null);
            assertThat(effects(second, id).getInteger("count")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !outboxPending(second, id));
        }
    }

    @Test
    void aMarkerWrittenByAnotherReplicaIsTakenFromTheMarkerCollection() {
        // the relaying replica has no hint of it: it must find the marker in the collection
        String database = "replica-" + UUID.randomUUID();
        String id = "replica-" + UUID.randomUUID();
        try (ConfigurableApplicationContext relaying = start(database, true);
                ConfigurableApplicationContext other = start(database, false)) {
            other.getBean(SampleRepository.class).insert(Sample.create(id, "other-replica")).block();
            await().atMost(Duration.ofSeconds(60)).until(() -> effects(relaying, id) != null);
            assertThat(effects(relaying, id).getInteger("count")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !outboxPending(relaying, id));
        }
    }
}
