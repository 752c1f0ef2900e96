package city.party.activity.activity.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import city.party.platform.events.EventJson;
import city.party.platform.test.EventContract;
import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestInfrastructure;
import city.party.platform.test.TestTokenIssuer;
import city.party.platform.test.TopicReader;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read model from real member-service events on Kafka (redelivered, late and poison records
 * included), then activities, attendance, sign-in, compliance and the scope matrix through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "activity.attachments.max-size=64KB")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivityApiIT extends PlatformIntegrationTest {

    static final OffsetDateTime LONG_AGO = OffsetDateTime.parse("2025-01-01T00:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    WebTestClient client;
    KafkaProducer<String, CloudEvent> producer;

    String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
    String secretaryA = TOKENS.token("secretary-a", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a/branch-a1"));
    String secretaryB = TOKENS.token("secretary-b", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-b/branch-b1"));
    String memberA = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
    String memberB = TOKENS.token("member-b", List.of("member"), List.of("/city/unit-b/branch-b1"));
    String auditor = TOKENS.token("auditor", List.of("auditor"), List.of("/city"));

    String transferEventId = UUID.randomUUID().toString();
    String activityId;

    @BeforeAll
    void registerFromMemberServiceEvents() throws Exception {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new CloudEventSerializer());
        organization("city", "市直机关工委", "WORK_COMMITTEE", null, "/city");
        organization("unit-a", "市财政局", "UNIT", "city", "/city/unit-a");
        organization("branch-a1", "机关第一党支部", "BRANCH", "unit-a", "/city/unit-a/branch-a1");
        organization("unit-b", "市卫健委", "UNIT", "city", "/city/unit-b");
        organization("branch-b1", "机关第一党支部", "BRANCH", "unit-b", "/city/unit-b/branch-b1");
        member("m-a1", "陈明", "branch-a1", "FULL", "2010-07-01", "2011-07-01", "member-a");
        member("m-a2", "王芳", "branch-a1", "FULL", "2012-07-01", "2013-07-01", null);
        member("m-a3", "李四", "branch-a1", "PROBATIONARY", "2026-03-01", null, null);
        member("m-b1", "赵强", "branch-b1", "FULL", "2015-07-01", "2016-07-01", "member-b");
        member("m-x", "申请人", "branch-a1", "APPLICANT", null, null, null);
        // 王芳 moves to branch-b1 on 10 November; the event is delivered twice (same ce_id).
        Map<String, Object> transfer = Map.of("memberId", "m-a2", "transferId", "t-1", "fromOrganizationId",
                "branch-a1", "toOrganizationId", "branch-b1", "effectiveOn", "2026-11-10");
        send("party.members", "m-a2", transferEventId, "party.member.transferred.v1", transfer, null);
        send("party.members", "m-a2", transferEventId, "party.member.transferred.v1", transfer, null);
        // A late, older stage change must not override the newer state.
        send("party.members", "m-a1", UUID.randomUUID().toString(), "party.member.stage-changed.v1",
                Map.of("memberId", "m-a1", "organizationId", "branch-a1", "from", "CANDIDATE", "to", "PROBATIONARY",
                        "effectiveOn", "2010-07-01"), null);
        // Poison: a registration without a member id goes to the dead-letter topic.
        send("party.members", "broken", UUID.randomUUID().toString(), "party.member.registered.v1",
                Map.of("name", "无编号", "organizationId", "branch-a1", "stage", "FULL", "status", "ACTIVE"), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("organizations") == 5 && count("members") == 5
                && mongo.findById("m-a2", Document.class, "members").map(d -> "branch-b1"
                        .equals(d.getString("organizationId"))).defaultIfEmpty(false).block());
    }

    @AfterAll
    void closeProducer() {
        producer.close();
    }

    long count(String collection) {
        return mongo.count(new org.springframework.data.mongodb.core.query.Query(), collection).block();
    }

    void organization(String id, String name, String type, String parentId, String path) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("organizationId", id, "name", name, "type", type, "path", path));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        send("party.organizations", id, UUID.randomUUID().toString(), "party.organization.created.v1", body, LONG_AGO);
    }

    void member(String id, String name, String org, String stage, String joined, String full, String username)
            throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("memberId", id, "name", name, "organizationId", org, "stage",
                stage, "status", "ACTIVE"));
        if (joined != null) {
            body.put("joinedPartyOn", joined);
        }
        if (full != null) {
            body.put("fullMemberOn", full);
        }
        if (username != null) {
            body.put("username", username);
        }
        send("party.members", id, UUID.randomUUID().toString(), "party.member.registered.v1", body, LONG_AGO);
    }

    void send(String topic, String key, String id, String type, Map<String, Object> body, OffsetDateTime time)
            throws Exception {
        CloudEvent event = CloudEventBuilder.v1().withId(id).withSource(URI.create("/member-service")).withType(type)
                .withSubject(key).withTime(time != null ? time : OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(EventJson.write(body).getBytes(StandardCharsets.UTF_8)).build();
        producer.send(new ProducerRecord<>(topic, key, event)).get();
    }

    Map<String, Object> plan(String token, String kind, String organizationId, String startsAt, int expectStatus) {
        Map<String, Object> body = Map.of("kind", kind, "organizationIds", List.of(organizationId), "topic",
                "学习贯彻党的二十届四中全会精神", "startsAt", startsAt,
                "endsAt", OffsetDateTime.parse(startsAt).plusHours(2).toString(), "place", "三楼会议室");
        return client.post().uri("/api/activities").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus()
                .isEqualTo(expectStatus).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    @Order(1)
    void theReadModelFollowsEventsOnceAndIgnoresLateOnes() {
        Document m2 = mongo.findById("m-a2", Document.class, "members").block();
        assertThat(m2.getList("memberships", Document.class)).hasSize(2);
        Document m1 = mongo.findById("m-a1", Document.class, "members").block();
        assertThat(m1.getString("stage")).as("the late, older stage change lost").isEqualTo("FULL");
        // The poison record was dead-lettered; the partition moved on (the records above were applied).
        TopicReader.await("party.members.activity-service.dlt", p -> p.data().contains("无编号"),
                Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void expectedAttendeesAreTheMembersOnTheActivitysDay() {
        // 8 November: 王芳 still belonged to branch-a1; the applicant is never expected.
        Map<String, Object> october = plan(secretaryA, "branch-general-meeting", "branch-a1",
                "2026-11-08T09:00:00+08:00", 201);
        assertThat(october.get("expectedAttendees")).isEqualTo(3);
        // 20 November: after her transfer to branch-b1.
        Map<String, Object> november = plan(secretaryA, "branch-general-meeting", "branch-a1",
                "2026-11-20T09:00:00+08:00", 201);
        activityId = (String) november.get("id");
        client.get().uri("/api/activities/" + activityId + "/attendance").headers(h -> h.setBearerAuth(secretaryA))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.attendees[*].memberId").value(ids -> assertThat((List<String>) ids)
                        .doesNotContain("m-a2", "m-x"));
    }

    @Test
    @Order(2)
    void kindsAreDataSeededFromConfigurationAndExtensible() {
        client.get().uri("/api/activities/kinds").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(10)
                .jsonPath("$[?(@.code == 'theme-party-day')].name").isEqualTo(List.of("主题党日"))
                .jsonPath("$[?(@.code == 'branch-general-meeting')].votes").isEqualTo(List.of(true));
        Map<String, Object> kind = Map.of("code", "volunteer-service", "name", "党员志愿服务");
        client.post().uri("/api/activities/kinds").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(kind).exchange().expectStatus().isForbidden();
        client.post().uri("/api/activities/kinds").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(kind).exchange().expectStatus().isCreated();
        client.post().uri("/api/activities/kinds").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(kind).exchange().expectStatus().isEqualTo(409);
        client.post().uri("/api/activities/kinds").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "Bad Code!", "name", "x")).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    @Order(3)
    void badInputIsRefusedWithProblemDetails() {
        Map<String, Object> backwards = Map.of("kind", "party-lesson", "organizationIds", List.of("branch-a1"),
                "topic", "t", "startsAt", "2026-11-20T10:00:00+08:00", "endsAt", "2026-11-20T09:00:00+08:00");
        client.post().uri("/api/activities").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(backwards).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("endsAt");
        client.post().uri("/api/activities").headers(h -> {
            h.setBearerAuth(secretaryA);
            h.set("Accept-Language", "zh-CN");
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("kind", "no-such-kind", "organizationIds",
                List.of("branch-a1"), "topic", "t", "startsAt", "2026-11-20T09:00:00+08:00", "endsAt",
                "2026-11-20T10:00:00+08:00")).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.detail").isEqualTo("不存在活动类型 no-such-kind。");
        client.post().uri("/api/activities").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("kind", "party-lesson")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type")
                .isEqualTo("urn:party-platform:problem:validation-failed");
        client.get().uri("/api/compliance?organizationId=branch-a1&period=2026-13")
                .headers(h -> h.setBearerAuth(committee)).exchange().expectStatus().isBadRequest();
        client.put().uri("/api/activities/" + activityId + "/attendance").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("entries", List.of(Map.of("memberId",
                        "m-a1", "attendance", "PRESENT")))).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.status").isEqualTo(409).jsonPath("$.activityStatus").isEqualTo("PLANNED");
    }

    @Test
    @Order(4)
    void signInWithAShortLivedCode() {
        String code = (String) client.post().uri("/api/activities/" + activityId + "/sign-in-codes")
                .headers(h -> h.setBearerAuth(secretaryA)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("validMinutes", 10)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("code");
        String wrong = code.equals("000000") ? "000001" : "000000";
        client.post().uri("/api/activities/" + activityId + "/sign-in").headers(h -> h.setBearerAuth(memberA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", wrong)).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("CODE_UNKNOWN");
        client.post().uri("/api/activities/" + activityId + "/sign-in").headers(h -> h.setBearerAuth(memberA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code)).exchange()
                .expectStatus().isOk();
        client.post().uri("/api/activities/" + activityId + "/sign-in").headers(h -> h.setBearerAuth(memberA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code)).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reason").isEqualTo("ALREADY_SIGNED_IN");
        client.post().uri("/api/activities/" + activityId + "/sign-in").headers(h -> h.setBearerAuth(memberB))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code)).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.reason").isEqualTo("NOT_EXPECTED");
        // without a valid code, another branch's activity is answered as not existing (AuthorizationMatrixIT
        // found that a cancelled one said "cancelled")
        client.post().uri("/api/activities/" + activityId + "/sign-in").headers(h -> h.setBearerAuth(memberB))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code.equals("999999") ? "999998"
                        : "999999")).exchange()
                .expectStatus().isNotFound();
        client.post().uri("/api/activities/" + activityId + "/sign-in-codes").headers(h -> h.setBearerAuth(memberA))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    @Order(5)
    void holdRecordAndAttendanceAreAnnounced() {
        client.post().uri("/api/activities/" + activityId + "/hold").headers(h -> h.setBearerAuth(secretaryA))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("HELD")
                .jsonPath("$.quorum.votingMembers").isEqualTo(1).jsonPath("$.quorum.met").isEqualTo(true);
        client.put().uri("/api/activities/" + activityId + "/attendance").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("entries", List.of(Map.of("memberId",
                        "m-b1", "attendance", "PRESENT")))).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("attendance.expected-attendee");
        // a null line (found by the e2e fuzz run, PublicApiFuzzIT) was a 500
        client.put().uri("/api/activities/" + activityId + "/attendance").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"entries\":[null]}").exchange()
                .expectStatus().isBadRequest();
        client.put().uri("/api/activities/" + activityId + "/appraisals").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"year\":2026,\"results\":[null]}").exchange()
                .expectStatus().isBadRequest();
        client.put().uri("/api/activities/" + activityId + "/attendance").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("entries", List.of(Map.of("memberId",
                        "m-a3", "attendance", "ON_LEAVE", "reason", "出差")))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.summary.PRESENT").isEqualTo(1).jsonPath("$.summary.ON_LEAVE").isEqualTo(1);
        client.put().uri("/api/activities/" + activityId + "/record").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("minutes", "会议纪要第一稿")).exchange()
                .expectStatus().isOk();
        client.put().uri("/api/activities/" + activityId + "/record").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("minutes", "会议纪要（修订）", "note", "补充"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.record.revision").isEqualTo(2)
                .jsonPath("$.revisions[0].minutes").isEqualTo("会议纪要第一稿")
                .jsonPath("$.revisions[1].recordedBy").isEqualTo("committee");
        TopicReader.Published held = TopicReader.await("party.activities",
                p -> activityId.equals(p.key()) && "party.activity.held.v1".equals(p.type()), Duration.ofSeconds(30));
        EventContract.assertConforms(held.type(), held.data());
        assertThat(held.data()).contains("\"organizationIds\":[\"branch-a1\"]");
        TopicReader.Published attendance = TopicReader.await("party.activities",
                p -> activityId.equals(p.key()) && p.data().contains("\"ON_LEAVE\""), Duration.ofSeconds(30));
        EventContract.assertConforms(attendance.type(), attendance.data());
    }

    WebTestClient.ResponseSpec upload(String token, String type, byte[] bytes) {
        org.springframework.http.client.MultipartBodyBuilder builder = new org.springframework.http.client.MultipartBodyBuilder();
        builder.part("file", new org.springframework.core.io.ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "签到表.pdf";
            }
        }).contentType(MediaType.parseMediaType(type));
        return client.post().uri("/api/activities/" + activityId + "/attachments").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(builder.build()))
                .exchange();
    }

    @Test
    @Order(6)
    void attachmentsWithSizeAndTypeLimits() {
        byte[] pdf = "%PDF-1.7 签到表".getBytes(StandardCharsets.UTF_8);
        String id = (String) upload(secretaryA, "application/pdf", pdf).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        byte[] big = new byte[70 * 1024];
        System.arraycopy(pdf, 0, big, 0, 4);
        upload(secretaryA, "application/pdf", big).expectStatus().isEqualTo(413).expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        upload(secretaryA, "text/html", "<script>".getBytes()).expectStatus().isEqualTo(415);
        upload(secretaryA, "application/pdf", new byte[] { 'M', 'Z', 0, 0 }).expectStatus().isEqualTo(415);
        upload(secretaryB, "application/pdf", pdf).expectStatus().isNotFound();
        client.get().uri("/api/activities/" + activityId + "/attachments").headers(h -> h.setBearerAuth(memberA))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].size").isEqualTo(pdf.length);
        byte[] downloaded = client.get().uri("/api/activities/" + activityId + "/attachments/" + id)
                .headers(h -> h.setBearerAuth(secretaryA)).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF).expectBody(byte[].class).returnResult()
                .getResponseBody();
        assertThat(downloaded).isEqualTo(pdf);
    }

    @Test
    @Order(7)
    void scopeMatrix() {
        client.get().uri("/api/activities/" + activityId).headers(h -> h.setBearerAuth(secretaryB)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/activities").headers(h -> h.setBearerAuth(secretaryB)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        plan(secretaryB, "party-lesson", "branch-a1", "2026-11-20T09:00:00+08:00", 404);
        client.post().uri("/api/activities/" + activityId + "/hold").headers(h -> h.setBearerAuth(secretaryB))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/api/activities?organizationId=unit-a&period=2026-11").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(2);
        client.get().uri("/api/activities?period=2026-10").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
        client.get().uri("/api/activities/" + activityId).headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk();
        client.post().uri("/api/activities/" + activityId + "/cancel").headers(h -> h.setBearerAuth(auditor))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "x")).exchange()
                .expectStatus().isForbidden();
        plan(memberA, "party-lesson", "branch-a1", "2026-11-20T09:00:00+08:00", 403);
        client.get().uri("/api/activities").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(2);
        client.get().uri("/api/activities/" + activityId + "/attendance").headers(h -> h.setBearerAuth(memberA))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.attendees.length()").isEqualTo(1)
                .jsonPath("$.attendees[0].memberId").isEqualTo("m-a1");
        client.get().uri("/api/activities/attendance/mine").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.activityId == '" + activityId + "')].attendance")
                .isEqualTo(List.of("PRESENT"));
        client.get().uri("/api/activities/" + activityId).headers(h -> h.setBearerAuth(memberB)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/compliance?organizationId=branch-a1&period=2026-11")
                .headers(h -> h.setBearerAuth(memberA)).exchange().expectStatus().isForbidden();
        client.get().uri("/api/compliance?organizationId=branch-a1&period=2026-11")
                .headers(h -> h.setBearerAuth(secretaryB)).exchange().expectStatus().isNotFound();
    }

    @Test
    @Order(8)
    void complianceCountsHeldActivitiesAndWarnsOncePerOverdueWindow() {
        client.get().uri("/api/compliance?organizationId=branch-a1&period=2026-Q4")
                .headers(h -> h.setBearerAuth(secretaryA)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.kinds[?(@.kind == 'branch-general-meeting')].status").isEqualTo(List.of("MET"))
                .jsonPath("$.kinds[?(@.kind == 'branch-general-meeting')].held").isEqualTo(List.of(1))
                .jsonPath("$.kinds[?(@.kind == 'branch-committee-meeting')].status").isEqualTo(List.of("OVERDUE"))
                .jsonPath("$.rulesVersion").isEqualTo("2018-branch-regulations.1");
        client.get().uri("/api/compliance?organizationId=city&period=2026-11").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.subtree.organizations").isEqualTo(2)
                .jsonPath("$.subtree.due").isEqualTo(2);
        Map<?, ?> first = client.post().uri("/api/compliance/overdue-checks").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Number) first.get("newlyOverdue")).longValue()).isPositive();
        client.post().uri("/api/compliance/overdue-checks").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.newlyOverdue").isEqualTo(0);
        client.get().uri("/api/compliance/overdue?period=2026-10&kind=branch-committee-meeting")
                .headers(h -> h.setBearerAuth(secretaryA)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].organizationId").isEqualTo("branch-a1");
        TopicReader.Published overdue = TopicReader.await("party.activities",
                p -> "party.activity.compliance-overdue.v1".equals(p.type()) && p.data().contains("branch-a1"),
                Duration.ofSeconds(30));
        EventContract.assertConforms(overdue.type(), overdue.data());
        // Cancelling the held meeting takes it back out of the counts.
        client.post().uri("/api/activities/" + activityId + "/cancel").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "误登记")).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/compliance?organizationId=branch-a1&period=2026-Q4")
                .headers(h -> h.setBearerAuth(secretaryA)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.kinds[?(@.kind == 'branch-general-meeting')].held").isEqualTo(List.of(0));
    }

    @Test
    @Order(9)
    void aPlanCanChangeAndOrganisersFollowAMoveOfTheirOrganisation() throws Exception {
        organization("branch-c1", "第三党支部", "BRANCH", "unit-b", "/city/unit-b/branch-c1");
        member("m-c1", "孙九", "branch-c1", "FULL", "2011-07-01", "2012-07-01", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("m-c1", Document.class, "members")
                .hasElement().block());
        Map<String, Object> planned = plan(committee, "party-lesson", "branch-c1", "2026-12-10T09:00:00+08:00", 201);
        String id = (String) planned.get("id");
        assertThat(planned.get("expectedAttendees")).isEqualTo(1);
        Map<String, Object> change = Map.of("topic", "党课：学习党章", "startsAt", "2026-12-11T09:00:00+08:00",
                "endsAt", "2026-12-11T11:00:00+08:00");
        client.patch().uri("/api/activities/" + id).headers(h -> {
            h.setBearerAuth(committee);
            h.setIfMatch("\"7\"");
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(change).exchange().expectStatus().isEqualTo(409);
        client.patch().uri("/api/activities/" + id).headers(h -> {
            h.setBearerAuth(committee);
            h.setIfMatch("\"0\"");
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("endsAt", "2026-12-09T09:00:00+08:00")).exchange()
                .expectStatus().isBadRequest();
        client.patch().uri("/api/activities/" + id).headers(h -> {
            h.setBearerAuth(committee);
            h.setIfMatch("\"0\"");
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(change).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.topic").isEqualTo("党课：学习党章").jsonPath("$.expectedAttendees").isEqualTo(1);
        Map<String, Object> move = Map.of("organizationId", "branch-c1", "oldParentId", "unit-b", "newParentId",
                "unit-a", "oldPath", "/city/unit-b/branch-c1", "newPath", "/city/unit-a/branch-c1");
        String moveId = UUID.randomUUID().toString();
        send("party.organizations", "branch-c1", moveId, "party.organization.moved.v1", move, null);
        send("party.organizations", "branch-c1", moveId, "party.organization.moved.v1", move, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(id, Document.class, "activities")
                .map(d -> d.getList("organizationPaths", String.class).contains("/city/unit-a/branch-c1"))
                .block());
        String adminOfUnitA = TOKENS.token("unit-a-admin", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a"));
        String adminOfUnitB = TOKENS.token("unit-b-admin", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-b"));
        client.get().uri("/api/activities/" + id).headers(h -> h.setBearerAuth(adminOfUnitA)).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/activities/" + id).headers(h -> h.setBearerAuth(adminOfUnitB)).exchange()
                .expectStatus().isNotFound();
        assertThat(mongo.findById("branch-c1", Document.class, "organizations").block().getString("path"))
                .isEqualTo("/city/unit-a/branch-c1");
    }
}
