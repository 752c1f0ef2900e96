package city.party.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import city.party.platform.test.KafkaBrokerProcess;
import city.party.platform.test.TestInfrastructure;
import city.party.platform.testapp.Sample;
import city.party.platform.testapp.SampleRepository;
import city.party.platform.testapp.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static city.party.platform.events.EventTestSupport.effects;
import static city.party.platform.events.EventTestSupport.outboxPending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka goes away — stopped, then killed — while the service keeps accepting writes. Every event
 * written meanwhile is delivered once Kafka is back, exactly once in effect.
 */
class KafkaOutageIT {

    static KafkaBrokerProcess broker;
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        broker = new KafkaBrokerProcess().start();
        app = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
                .run("--spring.mongodb.uri=" + TestInfrastructure.mongoUri() + "/outage-" + UUID.randomUUID(),
                        "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--logging.structured.format.console=",
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/party");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void writesDuringAnOutageAreDeliveredOnceKafkaIsBack() {
        SampleRepository samples = app.getBean(SampleRepository.class);
        String before = "before-" + UUID.randomUUID();
        samples.insert(Sample.create(before, "before")).block();
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(app, before) != null);

        broker.stop();
        List<String> duringStop = List.of("stop1-" + UUID.randomUUID(), "stop2-" + UUID.randomUUID());
        duringStop.forEach(id -> samples.insert(Sample.create(id, "during-stop")).block());
        assertStillPending(duringStop);

        broker.start();
        awaitDeliveredOnce(duringStop);

        broker.kill();
        List<String> duringCrash = List.of("kill1-" + UUID.randomUUID(), "kill2-" + UUID.randomUUID());
        duringCrash.forEach(id -> samples.insert(Sample.create(id, "during-crash")).block());
        assertStillPending(duringCrash);

        broker.start();
        awaitDeliveredOnce(duringCrash);
        assertThat(effects(app, before).getInteger("count")).isEqualTo(1);
    }

    private static void assertStillPending(List<String> ids) {
        // The relay keeps trying for a few seconds; nothing can have been published meanwhile.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> outboxPending(app, id) && effects(app, id) == null));
    }

    private static void awaitDeliveredOnce(List<String> ids) {
        await().atMost(Duration.ofSeconds(120)).until(() -> ids.stream().allMatch(id -> effects(app, id) != null));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream().allMatch(id -> !outboxPending(app, id)));
        ids.forEach(id -> assertThat(effects(app, id).getInteger("count")).as(id).isEqualTo(1));
    }
}
