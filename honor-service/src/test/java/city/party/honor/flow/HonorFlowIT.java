package city.party.honor.flow;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import city.party.honor.MutableClock;
import city.party.platform.test.EventContract;
import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestInfrastructure;
import city.party.platform.test.TestTokenIssuer;
import city.party.platform.test.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way of a commendation through the API, on facts that really arrive over Kafka:
 * eligibility from member and activity events, the window, scope, the quota under parallel
 * nominations, recusal, two reviews, the public notice with anonymous objections, approval only
 * after the notice and the objections, the public honor roll (and that the public pages show
 * nothing unpublished), revocation, and the events on {@code party.honors}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "honor.demo-data.enabled=true")
@Import(HonorFlowIT.ClockConfig.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HonorFlowIT extends PlatformIntegrationTest {

    static final Instant IN_WINDOW = Instant.parse("2026-06-05T02:00:00Z");
    /** Plain text, as clients sent deeds before rich text. */
    static final String DEEDS = "该同志在抗击疫情中冲锋在前，带头捐款，\n组织党员志愿者连续奋战四十余天，事迹突出。";
    /** Rich text with what a hostile or careless editor might put in: all of it must be gone when published. */
    static final String RICH_DEEDS = "<h3>抗疫一线</h3><p onclick=\"alert(1)\" style=\"color:red\">"
            + DEEDS.replace("\n", "<br>") + "</p><script>alert('x')</script><ul><li><b>带头捐款</b></li>"
            + "<li><a href=\"javascript:alert(1)\">志愿服务</a></li></ul><p><img src=x onerror=alert(1)>"
            + "<iframe src=\"https://evil.example\"></iframe>"
            + "<a href=\"https://news.example.cn/report\" target=\"_blank\">媒体报道</a></p>";
    /** Unique per run: the Kafka broker is shared by the test classes of this JVM. */
    static final String RUN = Long.toHexString(System.nanoTime());

    @TestConfiguration
    static class ClockConfig {

        @Bean
        MutableClock testClock() {
            return new MutableClock(IN_WINDOW);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    WebTestClient client;
    KafkaProducer<String, byte[]> producer;

    final String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
    final String unitAdminA = TOKENS.token("unit-a-secretary", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a"));
    final String secretaryA = TOKENS.token("secretary-a", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a/branch-a1"));
    final String secretaryB = TOKENS.token("secretary-b", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-b/branch-b1"));
    final String memberA = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));

    String programId;
    String nominationId;

    static String member(String name) {
        return "m-" + name + "-" + RUN;
    }

    @BeforeAll
    void facts() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        organization("city", "市直机关工委", "WORK_COMMITTEE", null, "/city");
        organization("unit-a", "市财政局", "UNIT", "city", "/city/unit-a");
        organization("branch-a1", "机关第一党支部", "BRANCH", "unit-a", "/city/unit-a/branch-a1");
        organization("unit-b", "市卫生健康委", "UNIT", "city", "/city/unit-b");
        organization("branch-b1", "机关第一党支部", "BRANCH", "unit-b", "/city/unit-b/branch-b1");
        for (String name : List.of("good", "q1", "q2", "q3", "q4", "q5", "lapsed", "unqualified", "absent")) {
            registered(member(name), "党员" + name, "branch-a1", name.equals("good") ? "member-a-" + RUN : null);
            if (!name.equals("absent")) {
                attended(member(name), "organizational-life-meeting", "PRESENT", "2026-01-15T02:00:00Z");
            }
        }
        attended(member("absent"), "organizational-life-meeting", "ABSENT", "2026-01-15T02:00:00Z");
        send("party.members", member("lapsed"), "party.member.status-changed.v1", Map.of("memberId", member("lapsed"),
                "organizationId", "branch-a1", "from", "ACTIVE", "to", "LAPSED", "effectiveOn", "2026-03-01"));
        send("party.activities", "appraisal-" + RUN, "party.activity.appraisal-recorded.v1", Map.of("activityId",
                "appraisal-" + RUN, "organizationId", "branch-a1", "memberId", member("unqualified"), "year", 2025,
                "grade", "UNQUALIFIED"));
        registered(member("b"), "党员b", "branch-b1", null);
        attended(member("b"), "organizational-life-meeting", "MADE_UP", "2025-12-15T02:00:00Z");
        // A poison record must not stall the partition (it goes to the dead-letter topic).
        send("party.members", member("good"), "party.member.stage-changed.v1", Map.of("memberId", member("good")));
    }

    @AfterAll
    void close() {
        producer.close();
    }

    void organization(String id, String name, String type, String parentId, String path) {
        Map<String, Object> data = new HashMap<>(Map.of("organizationId", id, "name", name, "type", type,
                "path", path));
        data.put("parentId", parentId);
        send("party.organizations", id, "party.organization.created.v1", data);
    }

    void registered(String memberId, String name, String organizationId, String username) {
        Map<String, Object> data = new HashMap<>(Map.of("memberId", memberId, "name", name, "organizationId",
                organizationId, "stage", "FULL", "status", "ACTIVE", "joinedPartyOn", "2010-07-01",
                "fullMemberOn", "2011-07-01"));
        data.put("username", username);
        String id = send("party.members", memberId, "party.member.registered.v1", data);
        // Redelivered: must take effect once.
        sendWithId(id, "party.members", memberId, "party.member.registered.v1", data);
    }

    void attended(String memberId, String kind, String attendance, String heldAt) {
        String activityId = "act-" + memberId;
        send("party.activities", activityId, "party.activity.held.v1", Map.of("activityId", activityId, "kind", kind,
                "organizationIds", List.of("branch-a1"), "heldAt", heldAt, "topic", "组织生活会"));
        send("party.activities", activityId, "party.activity.attendance-recorded.v1", Map.of("activityId", activityId,
                "kind", kind, "organizationId", "branch-a1", "memberId", memberId, "attendance", attendance,
                "heldAt", heldAt));
    }

    String send(String topic, String key, String type, Map<String, Object> data) {
        String id = UUID.randomUUID().toString();
        sendWithId(id, topic, key, type, data);
        return id;
    }

    void sendWithId(String id, String topic, String key, String type, Map<String, Object> data) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                city.party.platform.events.EventJson.write(data).getBytes(StandardCharsets.UTF_8));
        Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/test", "ce_type", type, "ce_subject", key,
                "ce_time", Instant.now().toString(), "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(new RecordHeader(name,
                        value.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    WebTestClient.ResponseSpec post(String token, String uri, Object body) {
        return client.post().uri(uri).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String token, String uri) {
        return client.get().uri(uri).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        }).exchange();
    }

    WebTestClient.ResponseSpec upload(String token, String nomination, byte[] bytes, String filename) {
        org.springframework.http.client.MultipartBodyBuilder parts = new org.springframework.http.client.MultipartBodyBuilder();
        parts.part("photo", new org.springframework.core.io.ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        return client.post().uri("/api/nominations/" + nomination + "/photos").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(parts.build()))
                .exchange();
    }

    Map<String, Object> nomination(String memberId) {
        return Map.of("programId", programId, "category", "outstanding-member", "nomineeType", "MEMBER",
                "nomineeId", memberId, "deeds", DEEDS);
    }

    @Test
    @Order(1)
    void onlyTheWorkCommitteeOpensAProgramme() {
        Map<String, Object> body = Map.of("name", "2026 七一表彰", "year", 2026, "categories", List.of(
                Map.of("code", "advanced-primary-organization", "name", "先进基层党组织", "kind", "COLLECTIVE"),
                Map.of("code", "outstanding-member", "name", "优秀共产党员", "kind", "INDIVIDUAL"),
                Map.of("code", "outstanding-party-worker", "name", "优秀党务工作者", "kind", "INDIVIDUAL")),
                "quotas", List.of(Map.of("unitId", "unit-a", "category", "outstanding-member", "limit", 2),
                        Map.of("unitId", "unit-b", "category", "outstanding-member", "limit", 1)),
                "opensAt", "2026-06-01T00:00:00Z", "closesAt", "2026-06-10T00:00:00Z",
                "unitReviewDeadline", "2026-06-15T00:00:00Z", "committeeReviewDeadline", "2026-06-20T00:00:00Z",
                "noticeDays", 7);
        post(secretaryA, "/api/honor-programs", body).expectStatus().isForbidden();
        Map<String, Object> backwards = new HashMap<>(body);
        backwards.put("closesAt", "2026-05-01T00:00:00Z");
        post(committee, "/api/honor-programs", backwards).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("closesAt");
        programId = post(committee, "/api/honor-programs", body).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        get(secretaryB, "/api/honor-programs/" + programId).expectStatus().isOk().expectBody()
                .jsonPath("$.categories.length()").isEqualTo(3).jsonPath("$.quotas[0].limit").isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> get(memberA, "/api/honor-programs/demo-july-first")
                .expectStatus().isOk().expectBody().jsonPath("$.quotas.length()").isEqualTo(18));
        get(memberA, "/api/honor-programs?size=5").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2);
    }

    @Test
    @Order(2)
    void eligibilityComesFromTheFactsOnKafkaAndShowsWhy() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> get(secretaryA,
                "/api/nominations/eligibility?programId=" + programId + "&memberId=" + member("good"))
                .expectStatus().isOk().expectBody().jsonPath("$.eligible").isEqualTo(true));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> get(secretaryA,
                "/api/nominations/eligibility?programId=" + programId + "&memberId=" + member("lapsed"))
                .expectStatus().isOk().expectBody().jsonPath("$.eligible").isEqualTo(false)
                .jsonPath("$.criteria[?(@.code=='active')].met").isEqualTo(false));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> get(committee,
                "/api/nominations/eligibility?programId=" + programId + "&memberId=" + member("unqualified"))
                .expectStatus().isOk().expectBody().jsonPath("$.eligible").isEqualTo(false)
                .jsonPath("$.criteria[?(@.code=='appraisal')].met").isEqualTo(false));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> get(committee,
                "/api/nominations/eligibility?programId=" + programId + "&memberId=" + member("b"))
                .expectStatus().isOk().expectBody().jsonPath("$.eligible").isEqualTo(true));
        for (String name : List.of("q1", "q2", "q3", "q4", "q5")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> get(committee,
                    "/api/nominations/eligibility?programId=" + programId + "&memberId=" + member(name))
                    .expectStatus().isOk().expectBody().jsonPath("$.eligible").isEqualTo(true));
        }
        client.get().uri("/api/nominations/eligibility?programId=" + programId + "&memberId=" + member("lapsed"))
                .headers(h -> h.setBearerAuth(committee)).header("Accept-Language", "zh-CN").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.criteria[?(@.code=='active')].detail").isEqualTo("党员状态为 LAPSED（非正常）。")
                .jsonPath("$.criteria[?(@.code=='organizational-life')].detail")
                .isEqualTo("2025-06-01 至 2026-06-01 期间参加组织生活会 1 次。");
        get(committee, "/api/nominations/eligibility?programId=" + programId + "&memberId=" + member("absent"))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.criteria[?(@.code=='organizational-life')].met").isEqualTo(false);
        // Out of scope: another unit's secretary learns nothing about the member.
        get(secretaryB, "/api/nominations/eligibility?programId=" + programId + "&memberId=" + member("good"))
                .expectStatus().isNotFound();
    }

    @Test
    @Order(3)
    void ineligibleNomineesAndNominationsOutsideTheWindowAreRefused() {
        post(secretaryA, "/api/nominations", nomination(member("lapsed"))).expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.rule").isEqualTo("nomination.eligibility")
                .jsonPath("$.criteria[?(@.code=='active')].detail").exists();
        clock.set(Instant.parse("2026-06-10T00:00:00Z"));
        try {
            post(secretaryA, "/api/nominations", nomination(member("good"))).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.rule").isEqualTo("nomination.window");
            client.post().uri("/api/nominations").headers(h -> h.setBearerAuth(secretaryA))
                    .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(nomination(member("good"))).exchange().expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("推荐时间"));
        }
        finally {
            clock.set(IN_WINDOW);
        }
        post(secretaryB, "/api/nominations", nomination(member("good"))).expectStatus().isNotFound();
        post(memberA, "/api/nominations", nomination(member("good"))).expectStatus().isForbidden();
        // deeds with nothing or too little left once disallowed markup is removed, or too much HTML
        Map<String, Object> markup = new HashMap<>(nomination(member("good")));
        markup.put("deeds", "<script>alert(1)</script><img src=x onerror=alert(1)>");
        client.post().uri("/api/nominations").headers(h -> h.setBearerAuth(secretaryA))
                .header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON).bodyValue(markup)
                .exchange().expectStatus().isBadRequest().expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("deeds").jsonPath("$.markupRemoved").isEqualTo(true)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("去除不允许的标记"));
        markup.put("deeds", "<b>事迹突出</b><script>" + DEEDS + "</script>");
        post(secretaryA, "/api/nominations", markup).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.length").isEqualTo(4).jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("disallowed markup").contains("4 characters"));
        markup.put("deeds", "<p>" + "<b>好</b>".repeat(4000) + "</p>");
        post(secretaryA, "/api/nominations", markup).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.htmlLength").isNumber();
        markup.put("deeds", "太短");
        post(secretaryA, "/api/nominations", markup).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.length").isEqualTo(2);
    }

    @Test
    @Order(4)
    void theQuotaHoldsUnderParallelNominationsForTheLastSlot() throws Exception {
        Map<String, Object> rich = new HashMap<>(nomination(member("good")));
        rich.put("deeds", RICH_DEEDS);
        Map<?, ?> created = post(secretaryA, "/api/nominations", rich).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        nominationId = created.get("id").toString();
        publishedDeeds = created.get("deeds").toString();
        assertThat(publishedDeeds).startsWith("<h3>抗疫一线</h3><p>该同志").contains("<br />", "<li><b>带头捐款</b></li>",
                "<li>志愿服务</li>", "<a href=\"https://news.example.cn/report\" rel=\"");
        assertSanitised(publishedDeeds);
        assertThat(created.get("deedsText")).isEqualTo(
                "抗疫一线\n\n" + DEEDS + "\n\n带头捐款\n志愿服务\n\n媒体报道");
        post(secretaryA, "/api/nominations", nomination(member("good"))).expectStatus().isEqualTo(409);
        List<String> racers = List.of(member("q1"), member("q2"), member("q3"), member("q4"));
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String racer : racers) {
                calls.add(() -> post(secretaryA, "/api/nominations", nomination(racer)).returnResult(String.class)
                        .getStatus().value());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        post(secretaryA, "/api/nominations", nomination(member("q5"))).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("quota-exceeded").jsonPath("$.quota").isEqualTo(2);
        get(committee, "/api/nominations?programId=" + programId + "&state=SUBMITTED").expectStatus().isOk()
                .expectBody().jsonPath("$.totalElements").isEqualTo(2);
    }

    String photoId;
    String publishedDeeds;

    /** Nothing a browser could run or load: scripts, handlers, styles, frames, images, script URLs. */
    static void assertSanitised(String json) {
        assertThat(json.toLowerCase()).doesNotContain("<script").doesNotContain("onclick")
                .doesNotContain("onerror").doesNotContain("javascript:").doesNotContain("style=")
                .doesNotContain("<img").doesNotContain("<iframe").doesNotContain("target=")
                .doesNotContain("alert(");
    }

    @Test
    @Order(5)
    void photosOfTheDeedsAreImagesWithoutMetadataSeenOnlyInScope() {
        photoId = upload(secretaryA, nominationId, city.party.honor.TestImages.jpegWithExif(), "deeds.jpg")
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        upload(secretaryA, nominationId, "<svg onload=alert(1)></svg>".getBytes(StandardCharsets.UTF_8), "x.jpg")
                .expectStatus().isEqualTo(415);
        upload(secretaryB, nominationId, city.party.honor.TestImages.pngWithText(), "deeds.png")
                .expectStatus().isNotFound();
        upload(secretaryA, nominationId, new byte[2 * 1024 * 1024 - 4096], "big.jpg").expectStatus().isEqualTo(413);
        byte[] stored = get(secretaryA, "/api/nominations/" + nominationId + "/photos/" + photoId).expectStatus()
                .isOk().expectHeader().contentType(MediaType.IMAGE_JPEG).expectBody(byte[].class).returnResult()
                .getResponseBody();
        assertThat(new String(stored, StandardCharsets.UTF_8)).doesNotContain("GPS").contains("JFIF");
        get(secretaryB, "/api/nominations/" + nominationId + "/photos/" + photoId).expectStatus().isNotFound();
        get(null, "/api/nominations/" + nominationId + "/photos/" + photoId).expectStatus().isUnauthorized();
    }

    @Test
    @Order(5)
    void unitsSeeOnlyTheirSubtree() {
        // A slot left behind by a nomination that was never stored (a crash between claim and write)
        // is reclaimed: unit B's only slot is still available.
        mongo.insert(new org.bson.Document("_id", programId + "|unit-b|outstanding-member|1")
                .append("nominationId", "never-stored").append("claimedAt",
                        java.util.Date.from(IN_WINDOW.minus(Duration.ofHours(1)))), "quota_slots").block();
        post(secretaryB, "/api/nominations", nomination(member("b"))).expectStatus().isCreated();
        get(secretaryB, "/api/nominations?programId=" + programId).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1);
        get(secretaryB, "/api/nominations/" + nominationId).expectStatus().isNotFound();
        get(unitAdminA, "/api/nominations?programId=" + programId).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(2);
        get(memberA, "/api/nominations").expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);
    }

    @Test
    @Order(6)
    void reviewersWhoAreTheNomineeOrInTheNomineesOrganisationMustStandAside() {
        String nominee = TOKENS.token("member-a-" + RUN, List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a"));
        post(nominee, "/api/nominations/" + nominationId + "/reviews", Map.of("decision", "APPROVE"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("review.recusal");
        String colleague = TOKENS.token("colleague", List.of("committee-admin"),
                List.of("/city", "/city/unit-a/branch-a1"));
        post(colleague, "/api/nominations/" + nominationId + "/reviews", Map.of("decision", "APPROVE"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("review.recusal");
        post(secretaryA, "/api/nominations/" + nominationId + "/reviews", Map.of("decision", "APPROVE"))
                .expectStatus().isForbidden();
        get(committee, "/api/nominations/" + nominationId).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("SUBMITTED").jsonPath("$.reviews.length()").isEqualTo(0);
    }

    @Test
    @Order(6)
    void aRejectedNominationGivesItsQuotaSlotBack() {
        List<Map<String, Object>> submitted = (List<Map<String, Object>>) get(unitAdminA,
                "/api/nominations?programId=" + programId + "&state=SUBMITTED").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("content");
        Map<String, Object> winner = submitted.stream().filter(n -> !n.get("id").equals(nominationId)).findFirst()
                .orElseThrow();
        String raceWinner = winner.get("id").toString();
        // plain text as before: escaped, its line break kept, the text itself unchanged
        assertThat(winner.get("deeds")).isEqualTo(
                "<p>该同志在抗击疫情中冲锋在前&#xff0c;带头捐款&#xff0c;<br />组织党员志愿者连续奋战四十余天&#xff0c;事迹突出。</p>");
        assertThat(winner.get("deedsText")).isEqualTo(DEEDS);
        post(unitAdminA, "/api/nominations/" + raceWinner + "/reviews",
                Map.of("decision", "REJECT", "comment", "名额调整，另行推荐")).expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("REJECTED").jsonPath("$.reviews[0].comment").isEqualTo("名额调整，另行推荐");
        post(unitAdminA, "/api/nominations/" + raceWinner + "/reviews", Map.of("decision", "APPROVE"))
                .expectStatus().isEqualTo(409);
        post(secretaryA, "/api/nominations", nomination(member("q5"))).expectStatus().isCreated();
        post(secretaryA, "/api/nominations", nomination(member("q4"))).expectStatus().isEqualTo(409);
    }

    @Test
    @Order(7)
    void twoReviewsThenThePublicNoticeWithObjections() {
        post(committee, "/api/honor-programs/" + programId + "/notice", Map.of()).expectStatus().isEqualTo(409);
        post(unitAdminA, "/api/nominations/" + nominationId + "/reviews",
                Map.of("decision", "APPROVE", "comment", "经支部推荐、党委研究同意")).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("UNIT_APPROVED");
        post(unitAdminA, "/api/nominations/" + nominationId + "/reviews", Map.of("decision", "APPROVE"))
                .expectStatus().isForbidden();
        post(committee, "/api/nominations/" + nominationId + "/reviews",
                Map.of("decision", "APPROVE", "comment", "工委审核同意")).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("COMMITTEE_APPROVED")
                .jsonPath("$.reviews[1].reviewer").isEqualTo("committee");
        post(committee, "/api/nominations/" + nominationId + "/reviews", Map.of("decision", "APPROVE"))
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reason").isEqualTo("illegal-transition");
        post(unitAdminA, "/api/honor-programs/" + programId + "/notice", Map.of()).expectStatus().isForbidden();
        // a crash right after the programme (round + event) was written, before the nominations moved:
        var program = mongo.findById(programId, city.party.honor.program.domain.HonorProgram.class).block();
        var interrupted = program.startNotice(List.of(nominationId), "committee", clock);
        mongo.save(program).block();
        // calling again finishes that round instead of opening a second one
        post(committee, "/api/honor-programs/" + programId + "/notice", Map.of()).expectStatus().isCreated()
                .expectBody().jsonPath("$.nominationIds[0]").isEqualTo(nominationId)
                .jsonPath("$.id").isEqualTo(interrupted.id());
        assertThat(mongo.findById(programId, city.party.honor.program.domain.HonorProgram.class).block()
                .getNotices()).hasSize(1);

        get(null, "/api/honor-roll/notices?programId=" + programId).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.content[0].name").isEqualTo("党员good")
                .jsonPath("$.content[0].organizationName").isEqualTo("机关第一党支部")
                .jsonPath("$.content[0].unitName").isEqualTo("市财政局")
                .jsonPath("$.content[0].deeds").isEqualTo(publishedDeeds)
                .jsonPath("$.content[0].deedsText").value(text -> assertThat((String) text).startsWith("抗疫一线"));
        String objection = post(null, "/api/honor-roll/notices/" + nominationId + "/objections",
                Map.of("text", "该同志的事迹有夸大之处，请核实。")).expectStatus().isCreated().expectBody(Map.class)
                .returnResult().getResponseBody().get("objectionId").toString();
        post(memberA, "/api/honor-roll/notices/" + nominationId + "/objections", Map.of("text", "请核实捐款数额。"))
                .expectStatus().isCreated().expectBody().jsonPath("$.anonymous").isEqualTo(false);
        List<Callable<Integer>> crowd = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crowd.add(() -> post(null, "/api/honor-roll/notices/" + nominationId + "/objections",
                    Map.of("text", "同一时间提交的异议")).returnResult(String.class).getStatus().value());
        }
        ExecutorService pool = Executors.newFixedThreadPool(crowd.size());
        try {
            for (Future<Integer> status : pool.invokeAll(crowd)) {
                assertThat(status.get()).as("simultaneous public objections are all accepted").isEqualTo(201);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        finally {
            pool.shutdownNow();
        }
        post(null, "/api/honor-roll/notices/" + nominationId + "/objections", Map.of("text", ""))
                .expectStatus().isBadRequest();
        post(null, "/api/honor-roll/notices/no-such-nomination/objections", Map.of("text", "x"))
                .expectStatus().isNotFound();

        post(committee, "/api/nominations/" + nominationId + "/approval", Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("notice-running");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        post(null, "/api/honor-roll/notices/" + nominationId + "/objections", Map.of("text", "too late"))
                .expectStatus().isEqualTo(409);
        post(committee, "/api/nominations/" + nominationId + "/approval", Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reason").isEqualTo("objections-open").jsonPath("$.openObjections")
                .isEqualTo(6);
        List<Map<String, Object>> objections = (List<Map<String, Object>>) get(committee,
                "/api/nominations/" + nominationId).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("objections");
        assertThat(objections).hasSize(6).extracting(o -> o.get("lodgedBy")).containsOnly(null, "member-a");
        assertThat(objections).filteredOn(o -> "member-a".equals(o.get("lodgedBy"))).hasSize(1);
        get(unitAdminA, "/api/nominations/" + nominationId).expectStatus().isOk().expectBody()
                .jsonPath("$.objections").doesNotExist();
        post(unitAdminA, "/api/nominations/" + nominationId + "/objections/" + objection + "/resolution",
                Map.of("outcome", "DISMISSED", "comment", "x")).expectStatus().isForbidden();
        for (Map<String, Object> o : objections) {
            post(committee, "/api/nominations/" + nominationId + "/objections/" + o.get("id") + "/resolution",
                    Map.of("outcome", "DISMISSED", "comment", "经核查，反映问题不属实")).expectStatus().isOk();
        }
        post(committee, "/api/nominations/" + nominationId + "/objections/" + objection + "/resolution",
                Map.of("outcome", "UPHELD", "comment", "again")).expectStatus().isEqualTo(409);
    }

    @Test
    @Order(8)
    void approvalPublishesTheHonorRollWithNothingUnpublished() {
        String awardId = post(committee, "/api/nominations/" + nominationId + "/approval", Map.of())
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("awardId")
                .toString();
        post(committee, "/api/nominations/" + nominationId + "/approval", Map.of()).expectStatus().isEqualTo(409);
        String roll = get(null, "/api/honor-roll?programId=" + programId + "&unitId=unit-a&category=outstanding-member")
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        get(null, "/api/honor-roll?programId=" + programId).expectStatus().isOk().expectBody()
                .jsonPath("$.content[0].deeds").isEqualTo(publishedDeeds)
                .jsonPath("$.content[0].deedsText").value(text -> assertThat((String) text).contains(DEEDS));
        assertSanitised(roll);
        assertThat(roll).contains("党员good", "市财政局", "优秀共产党员", "<h3>抗疫一线</h3>", awardId)
                .doesNotContain(member("good")).doesNotContain("member-a").doesNotContain("eligib")
                .doesNotContain("review").doesNotContain("objection").doesNotContain("事迹有夸大")
                .doesNotContain("committee");
        assertThat(roll).contains("/api/honor-roll/" + awardId + "/photos/" + photoId);
        get(null, "/api/honor-roll/" + awardId + "/photos/" + photoId).expectStatus().isOk().expectHeader()
                .contentType(MediaType.IMAGE_JPEG);
        get(null, "/api/honor-roll/" + awardId + "/photos/other").expectStatus().isNotFound();
        String notices = get(null, "/api/honor-roll/notices").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(notices).doesNotContain(member("good")).doesNotContain(member("q1")).doesNotContain("member-a")
                .doesNotContain("eligib").doesNotContain("SUBMITTED");
        get(null, "/api/honor-roll?unitId=unit-b").expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(0);
        // Anonymous access ends at what is published.
        get(null, "/api/nominations").expectStatus().isUnauthorized();
        get(null, "/api/nominations/" + nominationId).expectStatus().isUnauthorized();
        get(null, "/api/honor-programs").expectStatus().isUnauthorized();
        post(null, "/api/honor-roll/" + awardId + "/revocation", Map.of("reason", "x")).expectStatus()
                .isUnauthorized();

        post(secretaryA, "/api/honor-roll/" + awardId + "/revocation", Map.of("reason", "x")).expectStatus()
                .isForbidden();
        post(committee, "/api/honor-roll/" + awardId + "/revocation", Map.of("reason", "经查事迹材料失实"))
                .expectStatus().isOk().expectBody().jsonPath("$.revoked").isEqualTo(true);
        post(committee, "/api/honor-roll/" + awardId + "/revocation", Map.of("reason", "again"))
                .expectStatus().isEqualTo(409);
        get(null, "/api/honor-roll?programId=" + programId).expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(0);
        get(null, "/api/honor-roll/" + awardId + "/photos/" + photoId).expectStatus().isNotFound();

        for (String type : List.of("party.honor.nomination-submitted.v1", "party.honor.nomination-reviewed.v1",
                "party.honor.notice-started.v1", "party.honor.objection-lodged.v1",
                "party.honor.objection-resolved.v1", "party.honor.awarded.v1", "party.honor.revoked.v1")) {
            TopicReader.Published published = TopicReader.await("party.honors", p -> type.equals(p.type())
                    && p.data().contains(programId), Duration.ofSeconds(30));
            EventContract.assertConforms(type, published.data());
        }
    }

    @Test
    @Order(9)
    void aPoisonRecordWentToTheDeadLetterTopicWithoutStallingThePartition() {
        TopicReader.await("party.members.honor-service.dlt", p -> member("good").equals(p.key()),
                Duration.ofSeconds(30));
    }

    @Test
    @Order(10)
    void attendanceTakesEffectWhileTheMemberTopicsAreStuck() {
        // A member import's backlog must not hold back the activity facts eligibility needs.
        List<MessageListenerContainer> directory = listeners.getListenerContainers().stream()
                .filter(c -> List.of(c.getContainerProperties().getTopics()).contains("party.members")).toList();
        assertThat(directory).isNotEmpty();
        directory.forEach(MessageListenerContainer::pause);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> directory.stream().allMatch(
                    MessageListenerContainer::isContainerPaused));
            String late = member("late");
            attended(late, "party-lecture", "PRESENT", "2026-05-20T02:00:00Z");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mongo.findById(
                    city.party.honor.facts.domain.AttendanceFact.idOf("act-" + late, late),
                    city.party.honor.facts.domain.AttendanceFact.class).block()).isNotNull());
        }
        finally {
            directory.forEach(MessageListenerContainer::resume);
        }
    }
}
