package city.party.donation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import city.party.donation.directory.Directory;
import city.party.donation.directory.MemberRecord;
import city.party.donation.donation.Donation;
import city.party.donation.ledger.LedgerService;
import city.party.platform.events.EventJson;
import city.party.platform.test.EventContract;
import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestTokenIssuer;
import city.party.platform.test.TopicReader;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * donation-service through its API, fed with member-service's facts over real Kafka: the contract
 * (201 with id and receipt, idempotency, progress), exactness under concurrency, reversing entries,
 * the ledger's invariants, the public ledger, reconciliation and scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DonationApiIT extends PlatformIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;

    @Autowired
    Directory directory;

    @Autowired
    LedgerService ledgers;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
    final String secretaryA = TOKENS.token("secretary-a", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a/branch-a1"));
    final String secretaryB = TOKENS.token("secretary-b", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-b/branch-b1"));
    final String memberA = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
    final String auditor = TOKENS.token("auditor", List.of("auditor"), List.of("/city"));

    String firstDonationId;
    String firstReceipt;

    record Reply(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
    }

    @BeforeAll
    void directoryFromMemberEvents() {
        Instant t = Instant.now().minusSeconds(600);
        organization("city", "市直机关工委", "WORK_COMMITTEE", null, "/city", t);
        organization("unit-a", "市财政局", "UNIT", "city", "/city/unit-a", t);
        organization("branch-a1", "机关第一党支部", "BRANCH", "unit-a", "/city/unit-a/branch-a1", t);
        organization("unit-b", "市卫生健康委员会", "UNIT", "city", "/city/unit-b", t);
        organization("branch-b1", "机关第一党支部", "BRANCH", "unit-b", "/city/unit-b/branch-b1", t);
        organization("unit-c", "市教育局", "UNIT", "city", "/city/unit-c", t);
        member("m-c", "吴敏", "unit-c", "FULL", "ACTIVE", null, t);
        member("m-a", "陈明", "branch-a1", "FULL", "ACTIVE", "member-a", t);
        member("m-a2", "王芳", "branch-a1", "FULL", "ACTIVE", null, t);
        member("m-a3", "李强", "branch-a1", "PROBATIONARY", "ACTIVE", null, t);
        member("m-b", "赵强", "branch-b1", "FULL", "ACTIVE", "member-b", t);
        member("m-applicant", "孙丽", "branch-a1", "APPLICANT", "ACTIVE", null, t);
        // Out of order: the member left (newer) is delivered before an old registration replay.
        publish("party.members", "m-gone", "party.member.status-changed.v1", Map.of("memberId", "m-gone",
                "organizationId", "branch-a1", "from", "ACTIVE", "to", "LEFT", "effectiveOn", "2026-11-01"),
                t.plusSeconds(60));
        member("m-gone", "周平", "branch-a1", "FULL", "ACTIVE", null, t);
        await().atMost(Duration.ofSeconds(60)).until(() -> directory.placement("m-gone").blockOptional().isPresent()
                && directory.placement("m-b").blockOptional().isPresent()
                && "周平".equals(directory.member("m-gone").mapNotNull(MemberRecord::name).block()));
    }

    @Test
    @Order(1)
    void theDirectoryToleratesOldEventsAndPlacesMembersInTheirUnit() {
        MemberRecord gone = directory.member("m-gone").block();
        assertThat(gone.status()).isEqualTo("LEFT");
        assertThat(directory.placement("m-a").block().unit().id()).isEqualTo("unit-a");
        assertThat(directory.memberCountsByUnit("/city").block()).containsEntry("unit-a", 3L).containsEntry("unit-b", 1L);
        // A body that breaks the contract goes to the dead-letter topic; the partition moves on.
        publish("party.members", "m-poison", "party.member.registered.v1", Map.of("name", "无编号"), Instant.now());
        TopicReader.Published dead = TopicReader.await("party.members.donation-service.dlt",
                p -> "m-poison".equals(p.key()), Duration.ofSeconds(60));
        assertThat(dead.type()).isEqualTo("party.member.registered.v1");
    }

    @Test
    @Order(2)
    void onlyTheCommitteeCreatesCampaigns() {
        String body = campaignJson("relief", "city", Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400));
        assertThat(post("/api/donation-campaigns", secretaryA, body, null).status()).isEqualTo(403);
        Reply created = post("/api/donation-campaigns", committee, body, null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("status").asString()).isEqualTo("OPEN");
        assertThat(post("/api/donation-campaigns", committee, campaignJson("backwards", "city", Instant.now(),
                Instant.now().minusSeconds(5)), null).status()).isEqualTo(422);
        assertThat(post("/api/donation-campaigns", committee, campaignJson("unit-a-only", "unit-a",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86400)), null).status()).isEqualTo(201);
        Reply list = get("/api/donation-campaigns", memberA);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aDonationGetsAnIdAndAReceiptAndARetryReturnsTheSameOne() {
        String body = donationJson("relief", "m-a", "100.00", "ONLINE", true);
        Reply first = post("/api/donations", memberA, body, "key-first");
        assertThat(first.status()).isEqualTo(201);
        firstDonationId = first.body().get("id").asString();
        firstReceipt = first.body().get("receiptNumber").asString();
        assertThat(firstReceipt).matches("JZ-20[0-9]{2}-[0-9]{6,}");
        assertThat(first.headers().firstValue("Location")).hasValue("/api/donations/" + firstDonationId);
        assertThat(first.body().get("unitId").asString()).isEqualTo("unit-a");
        assertThat(first.body().get("amount").asString()).isEqualTo("100.00");

        Reply retry = post("/api/donations", memberA, body, "key-first");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        Reply otherBody = post("/api/donations", memberA, donationJson("relief", "m-a", "200.00", "ONLINE", true),
                "key-first");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.body().get("rule").asString()).isEqualTo("donation.idempotency-key-reused");

        Reply noKey = post("/api/donations", memberA, body, null);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(count(where("memberId").is("m-a"))).isEqualTo(1);
    }

    @Test
    @Order(4)
    void malformedAmountsAreRefusedWith400() {
        for (String amount : List.of("1e3", "-5", "0", "0.001", "abc", "99999999999999999999999", "")) {
            Reply reply = post("/api/donations", committee, donationJson("relief", "m-a2", amount, "CASH", false),
                    "bad-" + UUID.randomUUID());
            assertThat(reply.status()).as(amount).isEqualTo(400);
            assertThat(reply.body().get("type").asString()).as(amount).endsWith("validation-failed");
        }
        assertThat(post("/api/donations", committee, "{\"campaignId\":\"relief\",\"memberId\":\"m-a2\",\"amount\":1e3,"
                + "\"channel\":\"CASH\"}", "bad-number").status()).isEqualTo(400);
        assertThat(post("/api/donations", committee, donationJson("relief", "m-a2", "5.00", "PAYROLL", false),
                "bad-channel").status()).isEqualTo(400);
        assertThat(count(where("memberId").is("m-a2"))).isZero();
    }

    @Test
    @Order(5)
    void membersDonateForThemselvesAndAdministratorsWithinTheirSubtree() {
        assertThat(post("/api/donations", memberA, donationJson("relief", "m-a2", "10.00", "ONLINE", false),
                "k-other").status()).isEqualTo(403);
        assertThat(post("/api/donations", secretaryB, donationJson("relief", "m-a2", "10.00", "CASH", false),
                "k-foreign").status()).isEqualTo(403);
        Reply cash = post("/api/donations", secretaryA, donationJson("relief", "m-a2", "50.50", "CASH", false),
                "k-cash");
        assertThat(cash.status()).isEqualTo(201);
        assertThat(cash.body().get("recordedBy").asString()).isEqualTo("secretary-a");
        assertThat(post("/api/donations", auditor, donationJson("relief", "m-a2", "1.00", "CASH", false), "k-aud")
                .status()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void donorsMustBeCurrentMembersOfTheParticipatingSubtree() {
        assertThat(rule(post("/api/donations", committee, donationJson("unit-a-only", "m-b", "10.00", "CASH", false),
                "k-outside"))).isEqualTo("donation.member-participates");
        Reply chinese = send(HttpRequest.newBuilder(uri("/api/donations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + committee)
                .header("Accept-Language", "zh-CN").header("Idempotency-Key", "k-outside-zh")
                .POST(HttpRequest.BodyPublishers.ofString(donationJson("unit-a-only", "m-b", "10.00", "CASH", false)))
                .build());
        assertThat(chinese.body().get("detail").asString()).contains("未参加本次捐款活动");
        assertThat(rule(post("/api/donations", committee, donationJson("relief", "nobody", "10.00", "CASH", false),
                "k-nobody"))).isEqualTo("donation.member-known");
        assertThat(rule(post("/api/donations", committee, donationJson("relief", "m-applicant", "10.00", "CASH",
                false), "k-applicant"))).isEqualTo("donation.member-current");
        assertThat(rule(post("/api/donations", committee, donationJson("relief", "m-gone", "10.00", "CASH", false),
                "k-gone"))).isEqualTo("donation.member-current");
        assertThat(rule(post("/api/donations", committee, donationJson("no-such-campaign", "m-a", "10.00", "CASH",
                false), "k-nocampaign"))).isEqualTo("donation.campaign-known");
    }

    @Test
    @Order(7)
    void theSameKeyFromManyClientsAtOnceRecordsExactlyOneDonation() throws Exception {
        String body = donationJson("relief", "m-a3", "88.88", "ONLINE", false);
        List<Reply> replies = concurrently(12, i -> post("/api/donations", i % 2 == 0 ? committee : secretaryA, body,
                "key-race"));
        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies.stream().map(r -> r.body().get("receiptNumber").asString()).distinct()).hasSize(1);
        assertThat(replies.stream().map(r -> r.body().get("id").asString()).distinct()).hasSize(1);
        assertThat(count(where("idempotencyKey").is("key-race"))).isEqualTo(1);
    }

    @Test
    @Order(8)
    void concurrentDonationsAreCountedExactly() throws Exception {
        long before = totalFen("relief");
        long countBefore = progress("relief").get("count").asLong();
        String[] members = { "m-a", "m-a2", "m-a3", "m-b" };
        List<Reply> replies = concurrently(60, i -> post("/api/donations", committee,
                donationJson("relief", members[i % 4], "1.0" + (i % 10), "BANK_TRANSFER", false), "conc-" + i));
        assertThat(replies).extracting(Reply::status).containsOnly(201);
        long expected = 0;
        for (int i = 0; i < 60; i++) {
            expected += 100 + (i % 10);
        }
        JsonNode progress = progress("relief");
        assertThat(totalFen("relief") - before).isEqualTo(expected);
        assertThat(progress.get("count").asLong() - countBefore).isEqualTo(60);
        assertThat(replies.stream().map(r -> r.body().get("receiptNumber").asString()).distinct()).hasSize(60);
        JsonNode unitA = unit(progress, "unit-a");
        assertThat(unitA.get("unitName").asString()).isEqualTo("市财政局");
        assertThat(unitA.get("members").asLong()).isEqualTo(3);
        assertThat(unitA.get("donors").asLong()).isEqualTo(3);
        assertThat(unitA.get("participationRate").asDouble()).isEqualTo(1.0);
        // Every member of unit-a has donated: the unit completed by full participation.
        assertThat(unitA.get("completedAt").isNull()).isFalse();
        assertThat(unitA.get("completion").asString()).isEqualTo("FULL_PARTICIPATION");
        assertThat(progress.get("cityWide").get("total").asString()).isEqualTo(progress.get("total").asString());
        assertThat(progress.get("pendingDonations").asLong()).isZero();
        assertThat(reconcile("relief").get("consistent").asBoolean()).isTrue();
    }

    @Test
    @Order(9)
    void aReversalIsAReversingEntryAndHappensOnce() {
        long before = totalFen("relief");
        assertThat(post("/api/donations/" + firstDonationId + "/reversal", memberA, "{\"reason\":\"mistake\"}", null)
                .status()).isEqualTo(403);
        Reply reversed = post("/api/donations/" + firstDonationId + "/reversal", committee,
                "{\"reason\":\"重复录入\"}", null);
        assertThat(reversed.status()).isEqualTo(200);
        assertThat(reversed.body().get("status").asString()).isEqualTo("REVERSED");
        assertThat(reversed.body().get("receiptNumber").asString()).isEqualTo(firstReceipt);
        assertThat(reversed.body().get("amount").asString()).isEqualTo("100.00");
        assertThat(totalFen("relief")).isEqualTo(before - 10000);
        assertThat(rule(post("/api/donations/" + firstDonationId + "/reversal", committee, "{\"reason\":\"again\"}",
                null))).isEqualTo("donation.already-reversed");
        assertThat(totalFen("relief")).isEqualTo(before - 10000);
        TopicReader.Published event = TopicReader.await("party.donations",
                p -> "party.donation.reversed.v1".equals(p.type()) && firstDonationId.equals(p.key()),
                Duration.ofSeconds(30));
        EventContract.assertConforms(event.type(), event.data());
    }

    @Test
    @Order(10)
    void handOversAndDisbursementsKeepTheInvariants() {
        JsonNode unitA = unit(progress("relief"), "unit-a");
        long heldA = fen(unitA.get("total").asString());
        String tooMuch = city.party.platform.money.Money.format(heldA + 1);
        Reply refused = post("/api/donation-campaigns/relief/hand-overs", committee, handOverJson("unit-a", tooMuch),
                null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("rule").asString()).isEqualTo("ledger.hand-over-exceeds-held");
        assertThat(post("/api/donation-campaigns/relief/hand-overs", secretaryB, handOverJson("unit-a", "1.00"), null)
                .status()).isEqualTo(403);
        assertThat(post("/api/donation-campaigns/relief/hand-overs", committee, handOverJson("unit-a", "0"), null)
                .status()).isEqualTo(422);
        assertThat(post("/api/donation-campaigns/relief/hand-overs", committee, handOverJson("unit-a.heldFen", "1.00"),
                null).status()).isEqualTo(400);
        Reply handed = post("/api/donation-campaigns/relief/hand-overs", secretaryA, handOverJson("unit-a", "50.00"),
                "handover-1");
        assertThat(handed.status()).isEqualTo(201);
        // A retry (a lost answer) moves nothing again: the same hand-over comes back.
        Reply retried = post("/api/donation-campaigns/relief/hand-overs", secretaryA, handOverJson("unit-a", "50.00"),
                "handover-1");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retried.body().get("id").asString()).isEqualTo(handed.body().get("id").asString());
        Reply otherBody = post("/api/donation-campaigns/relief/hand-overs", secretaryA,
                handOverJson("unit-a", "49.00"), "handover-1");
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.body().get("rule").asString()).isEqualTo("ledger.idempotency-key-reused");
        assertThat(post("/api/donation-campaigns/relief/hand-overs", secretaryA, handOverJson("unit-a", "1.00"),
                "k".repeat(201)).status()).isEqualTo(400);

        Reply overspent = post("/api/donation-campaigns/relief/disbursements", committee,
                disbursementJson("medical-workers", "50.01"), null);
        assertThat(overspent.status()).isEqualTo(422);
        assertThat(overspent.body().get("rule").asString()).isEqualTo("ledger.disbursement-exceeds-handed-over");
        assertThat(post("/api/donation-campaigns/relief/disbursements", committee,
                disbursementJson("astronauts", "1.00"), null).status()).isEqualTo(400);
        assertThat(post("/api/donation-campaigns/relief/disbursements", secretaryA,
                disbursementJson("police", "1.00"), null).status()).isEqualTo(403);
        Reply disbursed = post("/api/donation-campaigns/relief/disbursements", committee,
                disbursementJson("families-of-the-fallen", "30.00"), "disbursement-1");
        assertThat(disbursed.status()).isEqualTo(201);
        assertThat(disbursed.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        Reply disbursedAgain = post("/api/donation-campaigns/relief/disbursements", committee,
                disbursementJson("families-of-the-fallen", "30.00"), "disbursement-1");
        assertThat(disbursedAgain.status()).isEqualTo(201);
        assertThat(disbursedAgain.body().get("id").asString()).isEqualTo(disbursed.body().get("id").asString());
        assertThat(post("/api/donation-campaigns/relief/disbursements", committee,
                disbursementJson("police", "30.00"), "disbursement-1").status()).isEqualTo(422);

        JsonNode ledger = getAnonymous("/api/donation-campaigns/relief/ledger").body();
        JsonNode balance = ledger.get("balance");
        assertThat(balance.get("handedOver").asString()).isEqualTo("50.00");
        assertThat(balance.get("disbursed").asString()).isEqualTo("30.00");
        assertThat(balance.get("availableForDisbursement").asString()).isEqualTo("20.00");
        assertThat(fen(balance.get("received").asString())).isEqualTo(
                fen(balance.get("handedOver").asString()) + fen(balance.get("heldByUnits").asString()));
        assertThat(reconcile("relief").get("consistent").asBoolean()).isTrue();
        TopicReader.Published event = TopicReader.await("party.donations",
                p -> "party.donation.disbursed.v1".equals(p.type()), Duration.ofSeconds(30));
        EventContract.assertConforms(event.type(), event.data());
    }

    @Test
    @Order(11)
    void aUnitsAdministratorDeclaresTheCollectionFinished() {
        assertThat(post("/api/donation-campaigns/relief/units/unit-b/completion", secretaryA, "{}", null).status())
                .isEqualTo(403);
        // unit-b completed already when its only member donated: declaring it again changes nothing.
        Reply again = post("/api/donation-campaigns/relief/units/unit-b/completion", secretaryB, "{}", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("completedNow").asBoolean()).isFalse();
        assertThat(again.body().get("completion").asString()).isEqualTo("FULL_PARTICIPATION");
        assertThat(unit(progress("relief"), "unit-c").get("completedAt").isNull()).isTrue();
        Reply done = post("/api/donation-campaigns/relief/units/unit-c/completion", committee, "{}", null);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("completedNow").asBoolean()).isTrue();
        JsonNode unitC = unit(progress("relief"), "unit-c");
        assertThat(unitC.get("completion").asString()).isEqualTo("DECLARED");
        assertThat(unitC.get("participationRate").asDouble()).isZero();
        JsonNode branchA1 = null;
        for (JsonNode org : progress("relief").get("organizations")) {
            if (org.get("organizationId").asString().equals("branch-a1")) {
                branchA1 = org;
            }
        }
        assertThat(branchA1).isNotNull();
        assertThat(branchA1.get("unitId").asString()).isEqualTo("unit-a");
        assertThat(branchA1.get("members").asLong()).isEqualTo(3);
        assertThat(branchA1.get("participationRate").asDouble()).isEqualTo(1.0);
        TopicReader.Published event = TopicReader.await("party.donations",
                p -> "party.donation.unit-completed.v1".equals(p.type()) && p.data().contains("unit-c"),
                Duration.ofSeconds(30));
        EventContract.assertConforms(event.type(), event.data());
    }

    @Test
    @Order(12)
    void thePublicLedgerShowsTotalsAndOnlyConsentedIndividualAmounts() throws Exception {
        Reply ledger = getAnonymous("/api/donation-campaigns/relief/ledger");
        assertThat(ledger.status()).isEqualTo(200);
        assertThat(ledger.body().get("income")).isNotEmpty();
        // The only consented donation was reversed: no individual amount is public.
        assertThat(ledger.body().get("donationsWithConsent")).isEmpty();
        assertThat(ledger.raw()).doesNotContain("王芳").doesNotContain("m-a2");
        assertThat(post("/api/donations", committee, donationJson("relief", "m-b", "66.00", "CASH", true),
                "k-public").status()).isEqualTo(201);
        Reply named = getAnonymous("/api/donation-campaigns/relief/ledger");
        assertThat(named.body().get("donationsWithConsent")).hasSize(1);
        assertThat(named.body().get("donationsWithConsent").get(0).get("amount").asString()).isEqualTo("66.00");

        HttpResponse<byte[]> csv = http.send(HttpRequest.newBuilder(uri("/api/donation-campaigns/relief/ledger?format=csv"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("市财政局").contains("66.00");
        HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(
                uri("/api/donation-campaigns/relief/ledger?format=xlsx")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        assertThat(getAnonymous("/api/donation-campaigns/relief/progress").status()).isEqualTo(401);
    }

    @Test
    @Order(13)
    void scope() {
        JsonNode mine = get("/api/donations", memberA).body();
        assertThat(mine.get("content")).allSatisfy(d -> assertThat(d.get("memberId").asString()).isEqualTo("m-a"));
        assertThat(mine.get("totalElements").asLong()).isPositive();
        JsonNode b = get("/api/donations", secretaryB).body();
        assertThat(b.get("content")).allSatisfy(d -> assertThat(d.get("unitId").asString()).isEqualTo("unit-b"));
        JsonNode all = get("/api/donations?size=200", auditor).body();
        assertThat(all.get("totalElements").asLong()).isEqualTo(count(new org.springframework.data.mongodb.core.query.Criteria()));
        String someoneElses = all.get("content").findValues("id").stream().map(JsonNode::asString)
                .filter(id -> !mine.findValues("id").stream().map(JsonNode::asString).toList().contains(id))
                .findFirst().orElseThrow();
        assertThat(get("/api/donations/" + someoneElses, memberA).status()).isEqualTo(404);
        assertThat(get("/api/donations/" + firstDonationId, memberA).status()).isEqualTo(200);
        assertThat(get("/api/donation-campaigns/relief/reconciliation", auditor).status()).isEqualTo(200);
        assertThat(get("/api/donation-campaigns/relief/reconciliation", memberA).status()).isEqualTo(403);
    }

    @Test
    @Order(14)
    void aClosedCampaignTakesNoDonations() {
        assertThat(post("/api/donation-campaigns/unit-a-only/close", secretaryA, "{}", null).status()).isEqualTo(403);
        assertThat(post("/api/donation-campaigns/unit-a-only/close", committee, "{}", null).status()).isEqualTo(200);
        assertThat(rule(post("/api/donations", committee, donationJson("unit-a-only", "m-a", "1.00", "CASH", false),
                "k-closed"))).isEqualTo("donation.campaign-not-open");
        assertThat(rule(post("/api/donation-campaigns/unit-a-only/extension", committee,
                "{\"closesAt\":\"" + Instant.now().plusSeconds(9999) + "\",\"reason\":\"more\"}", null)))
                .isEqualTo("campaign.closed-by-hand");
        assertThat(post("/api/donation-campaigns/relief/extension", committee,
                "{\"closesAt\":\"" + Instant.now().plusSeconds(3 * 86400) + "\",\"reason\":\"more units\"}", null)
                .status()).isEqualTo(200);
    }

    @Test
    @Order(15)
    void theCatchUpJobCountsWhatACrashLeftUncountedExactlyOnce() {
        long before = totalFen("relief");
        java.time.Clock past = java.time.Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
        // Crash before the tally was touched: the donation is stored, not counted, no intent.
        Donation uncounted = Donation.record("crash-1", "h", "JZ-2026-900001", facts("m-b", 700), "committee", past);
        mongo.insert(uncounted).block();
        // Crash after the tally was counted (intent present) but before the donation was marked.
        Donation half = Donation.record("crash-2", "h", "JZ-2026-900002", facts("m-b", 300), "committee", past);
        mongo.insert(half).block();
        mongo.updateFirst(query(where("_id").is("relief")), new Update().inc("receivedFen", 300).inc("count", 1)
                .inc("units.unit-b.receivedFen", 300).inc("units.unit-b.count", 1).inc("units.unit-b.heldFen", 300)
                .push("inflight", new city.party.donation.ledger.CampaignLedger.Intent("d:" + half.getId(), "DONATION",
                        half.getId(), null, null, Instant.now().minusSeconds(3600))),
                city.party.donation.ledger.CampaignLedger.class).block();
        assertThat(totalFen("relief")).isEqualTo(before + 300);

        ledgers.catchUp(id -> Mono.just("/city")).block();
        ledgers.catchUp(id -> Mono.just("/city")).block();
        assertThat(totalFen("relief")).isEqualTo(before + 1000);
        assertThat(progress("relief").get("pendingDonations").asLong()).isZero();
        assertThat(reconcile("relief").get("consistent").asBoolean()).isTrue();
    }

    @Test
    @Order(16)
    void reconciliationReportsADeliberatelyCorruptedTotal() {
        assertThat(reconcile("relief").get("differences")).isEmpty();
        mongo.updateFirst(query(where("_id").is("relief")), new Update().inc("units.unit-a.receivedFen", 1),
                "campaign_ledgers").block();
        JsonNode report = reconcile("relief");
        assertThat(report.get("consistent").asBoolean()).isFalse();
        assertThat(report.get("differences")).anySatisfy(d -> {
            assertThat(d.get("scope").asString()).isEqualTo("unit:unit-a");
            assertThat(d.get("field").asString()).isEqualTo("received");
        });
        TopicReader.Published recorded = TopicReader.await("party.donations",
                p -> "party.donation.recorded.v1".equals(p.type()), Duration.ofSeconds(30));
        EventContract.assertConforms(recorded.type(), recorded.data());
    }

    // ---- helpers -------------------------------------------------------------------------------

    static Donation.Facts facts(String memberId, long fen) {
        return new Donation.Facts("relief", memberId, "赵强", "member-b", "branch-b1", "/city/unit-b/branch-b1",
                "unit-b", "市卫生健康委员会", fen, city.party.donation.donation.Channel.CASH,
                Instant.now().minusSeconds(3600), false, null);
    }

    long totalFen(String campaign) {
        return fen(progress(campaign).get("total").asString());
    }

    static long fen(String money) {
        return city.party.platform.money.Money.parseFen("x", money);
    }

    JsonNode progress(String campaign) {
        Reply reply = get("/api/donation-campaigns/" + campaign + "/progress", memberA);
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    JsonNode reconcile(String campaign) {
        Reply reply = post("/api/donation-campaigns/" + campaign + "/reconciliation", committee, "{}", null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body();
    }

    static JsonNode unit(JsonNode progress, String unitId) {
        for (JsonNode unit : progress.get("units")) {
            if (unit.get("unitId").asString().equals(unitId)) {
                return unit;
            }
        }
        throw new AssertionError("no unit " + unitId + " in " + progress);
    }

    long count(org.springframework.data.mongodb.core.query.Criteria criteria) {
        return mongo.count(query(criteria), Donation.class).block();
    }

    static String rule(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(422);
        return reply.body().get("rule").asString();
    }

    static String campaignJson(String id, String org, Instant opens, Instant closes) {
        return EventJson.write(Map.of("id", id, "name", "抗击疫情自愿捐款", "purpose", "支持疫情防控", "organiser", "市直机关工委",
                "participatingOrganizationId", org, "opensAt", opens.toString(), "closesAt", closes.toString()));
    }

    static String donationJson(String campaign, String member, String amount, String channel, boolean consent) {
        return EventJson.write(Map.of("campaignId", campaign, "memberId", member, "amount", amount, "channel", channel,
                "publicConsent", consent));
    }

    static String handOverJson(String unit, String amount) {
        return EventJson.write(Map.of("unitId", unit, "recipient", "市委组织部", "amount", amount, "documentReference",
                "组织部收据 2026-001"));
    }

    static String disbursementJson(String group, String amount) {
        return EventJson.write(Map.of("beneficiaryGroup", group, "amount", amount, "documents", List.of("慰问名单.pdf"),
                "description", "慰问"));
    }

    <T> List<T> concurrently(int n, java.util.function.IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 12));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.apply(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    Reply post(String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    Reply getAnonymous(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? JSON.nullNode()
                    : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response.body(), response.headers());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void organization(String id, String name, String type, String parentId, String path, Instant at) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("organizationId", id);
        body.put("name", name);
        body.put("type", type);
        body.put("parentId", parentId);
        body.put("path", path);
        publish("party.organizations", id, "party.organization.created.v1", body, at);
    }

    void member(String id, String name, String organizationId, String stage, String status, String username,
            Instant at) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("memberId", id);
        body.put("name", name);
        body.put("organizationId", organizationId);
        body.put("stage", stage);
        body.put("status", status);
        body.put("username", username);
        publish("party.members", id, "party.member.registered.v1", body, at);
    }

    void publish(String topic, String key, String type, Object body, Instant at) {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/member-service")).withType(type).withSubject(key)
                .withTime(at.atOffset(ZoneOffset.UTC)).withDataContentType("application/json")
                .withData(EventJson.write(body).getBytes(StandardCharsets.UTF_8)).build();
        try {
            kafka.send(topic, key, event).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
