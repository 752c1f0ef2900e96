package city.party.activity.demo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import city.party.platform.events.EventJson;
import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestInfrastructure;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo activities appear once the demo city has arrived through member-service's events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "activity.demo-data.enabled=true")
class DemoActivitiesIT extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void demoBranchesGetHeldAndPlannedActivities() throws Exception {
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new CloudEventSerializer())) {
            send(producer, "party.organizations", "city", "party.organization.created.v1",
                    Map.of("organizationId", "city", "name", "市直机关工委", "type", "WORK_COMMITTEE", "path", "/city"));
            send(producer, "party.organizations", "unit-a", "party.organization.created.v1", Map.of("organizationId",
                    "unit-a", "name", "市财政局", "type", "UNIT", "parentId", "city", "path", "/city/unit-a"));
            // a unit outside the demo city (an import, the e2e scenario) arriving meanwhile gets nothing
            send(producer, "party.organizations", "jul1-u01", "party.organization.created.v1", Map.of(
                    "organizationId", "jul1-u01", "name", "七一场景单位", "type", "UNIT", "parentId", "city", "path",
                    "/city/jul1-u01"));
            for (String branch : List.of("branch-a1", "branch-a2", "jul1-u01-b01")) {
                String unit = branch.startsWith("jul1") ? "jul1-u01" : "unit-a";
                send(producer, "party.organizations", branch, "party.organization.created.v1", Map.of(
                        "organizationId", branch, "name", "党支部", "type", "BRANCH", "parentId", unit, "path",
                        "/city/" + unit + "/" + branch));
                for (int i = 0; i < 4; i++) {
                    String id = branch + "-m" + i;
                    send(producer, "party.members", id, "party.member.registered.v1", new HashMap<>(Map.of(
                            "memberId", id, "name", "党员" + i, "organizationId", branch, "stage", "FULL", "status",
                            "ACTIVE", "joinedPartyOn", "2015-07-01", "fullMemberOn", "2016-07-01")));
                }
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> mongo.count(new Query(), "activities").block() == 7);
        assertThat(mongo.count(Query.query(org.springframework.data.mongodb.core.query.Criteria
                .where("organizationIds").is("jul1-u01-b01")), "activities").block())
                .as("activities of a branch outside the demo city").isZero();
        String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get()
                .uri("/api/compliance?organizationId=branch-a1&period=2026-11").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.kinds[?(@.kind == 'branch-committee-meeting')].held").isEqualTo(List.of(1))
                .jsonPath("$.kinds[?(@.kind == 'branch-general-meeting')].status").isEqualTo(List.of("MET"));
    }

    static void send(KafkaProducer<String, CloudEvent> producer, String topic, String key, String type,
            Map<String, Object> body) throws Exception {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/member-service")).withType(type).withSubject(key)
                .withTime(OffsetDateTime.parse("2025-06-01T00:00:00Z")).withDataContentType("application/json")
                .withData(EventJson.write(body).getBytes(StandardCharsets.UTF_8)).build();
        producer.send(new ProducerRecord<>(topic, key, event)).get();
    }
}
