package city.party.member.member.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import city.party.member.organization.domain.Organization;
import city.party.platform.test.EventContract;
import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestTokenIssuer;
import city.party.platform.test.TopicReader;
import city.party.platform.test.TopicWriter;
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
 * The organisation tree and the register through the API, with the scope matrix: committee staff
 * see everything, a secretary only their branch (the rest does not exist for them), a member only
 * their own record, an auditor everything read-only and masked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisterApiIT extends PlatformIntegrationTest {

    static final String ID_A = "11010519491231002X";
    static final String ID_B = idNumber("32010219800101001");
    static final String ID_OWN = idNumber("44030519900615004");

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    WebTestClient client;
    String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
    String secretaryA = TOKENS.token("secretary-a", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-a/branch-a1"));
    String memberA = TOKENS.token("member-a", List.of("member"), List.of("/city/unit-a/branch-a1"));
    String auditor = TOKENS.token("auditor", List.of("auditor"), List.of("/city"));
    String secretaryB = TOKENS.token("secretary-b", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-b/branch-b1"));

    String memberInA;
    String memberInB;

    static String idNumber(String first17) {
        return city.party.member.member.domain.CitizenIdNumber.withCheckCharacter(first17);
    }

    @BeforeAll
    void tree() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.indexOps("members").getIndexInfo()
                .filter(index -> index.getName().equals("uniqueIdNumberDigest")).hasElements().block());
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get().uri("/api/organizations/city")
                .headers(h -> h.setBearerAuth(committee)).exchange().returnResult(String.class).getStatus()
                .is2xxSuccessful());
        createOrganization("unit-a", "市财政局", "UNIT", "city");
        createOrganization("branch-a1", "机关第一党支部", "BRANCH", "unit-a");
        createOrganization("unit-b", "市卫生健康委", "UNIT", "city");
        createOrganization("branch-b1", "机关第一党支部", "BRANCH", "unit-b");
        memberInA = register(committee, "王芳", ID_A, "branch-a1", null);
        memberInB = register(committee, "赵强", ID_B, "branch-b1", null);
        register(committee, "陈明", ID_OWN, "branch-a1", "member-a");
    }

    private void createOrganization(String id, String name, String type, String parentId) {
        client.post().uri("/api/organizations").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", name, "type", type, "parentId", parentId)).exchange()
                .expectStatus().isCreated();
    }

    private WebTestClient.ResponseSpec postBadIdNumber() {
        return client.post().uri("/api/members").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "坏号", "idNumber", "110105194912310021", "organizationId", "branch-a1",
                        "stage", "APPLICANT", "appliedOn", "2026-01-05"))
                .exchange();
    }

    private String register(String token, String name, String idNumber, String organizationId, String username) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "idNumber", idNumber,
                "organizationId", organizationId, "stage", "FULL", "joinedPartyOn", "2010-07-01",
                "fullMemberOn", "2011-07-01", "phone", "13912345678"));
        if (username != null) {
            body.put("username", username);
        }
        return client.post().uri("/api/members").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
    }

    @Test
    @Order(1)
    void committeeSeesEveryoneUnmasked() {
        client.get().uri("/api/members/" + memberInB).headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectHeader().exists("ETag")
                .expectBody().jsonPath("$.idNumber").isEqualTo(ID_B).jsonPath("$.phone").isEqualTo("13912345678")
                .jsonPath("$.category").isEqualTo("正式党员");
        client.get().uri("/api/members?size=50").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(3);
        // at rest, the database holds no readable id number or phone
        org.bson.Document stored = mongo.findById(memberInB, org.bson.Document.class, "members").block();
        assertThat(stored.getString("idNumber")).startsWith("v1:").doesNotContain(ID_B.substring(0, 10));
        assertThat(stored.getString("phone")).startsWith("v1:").doesNotContain("13912345678");
        assertThat(stored.getString("idNumberDigest")).hasSize(64);
    }

    @Test
    @Order(2)
    void secretarySeesOnlyTheirBranchAndTheRestDoesNotExist() {
        client.get().uri("/api/members/" + memberInA).headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.idNumber").isEqualTo(ID_A);
        client.get().uri("/api/members/" + memberInB).headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/members").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(2)
                .jsonPath("$.content[*].organizationId").value(ids -> assertThat((List<String>) ids)
                        .containsOnly("branch-a1"));
        // Searching someone else's subtree reveals nothing, not even a count.
        client.get().uri("/api/members?organizationId=unit-b").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/organizations/branch-b1").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isNotFound();
        client.post().uri("/api/members").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "钱七", "idNumber", idNumber("11010119850505003"), "organizationId",
                        "branch-b1", "stage", "APPLICANT", "appliedOn", "2026-01-05"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    @Order(3)
    void memberSeesOnlyTheirOwnRecord() {
        client.get().uri("/api/members").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(1)
                .jsonPath("$.content[0].idNumber").isEqualTo(ID_OWN);
        client.get().uri("/api/members/" + memberInA).headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/me").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.memberId").isNotEmpty();
        client.post().uri("/api/members").headers(h -> h.setBearerAuth(memberA))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "idNumber", ID_A, "organizationId", "branch-a1")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    @Order(4)
    void auditorReadsEverythingMaskedAndCannotWrite() {
        client.get().uri("/api/members/" + memberInB).headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.idNumber").isEqualTo(city.party.member.member.domain.CitizenIdNumber.mask(ID_B))
                .jsonPath("$.phone").isEqualTo("139****5678")
                .jsonPath("$.sensitiveDataMasked").isEqualTo(true);
        client.post().uri("/api/organizations").headers(h -> h.setBearerAuth(auditor))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", "x1", "name", "x", "type", "UNIT", "parentId", "city")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    @Order(5)
    void badInputIsAClearFourHundred() {
        postBadIdNumber().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("idNumber");
        client.post().uri("/api/members").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"x\",\"idNumber\":\"" + ID_A + "\",\"organizationId\":\"branch-a1\","
                        + "\"stage\":\"GRAND_MASTER\"}")
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/members").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "重复", "idNumber", ID_A, "organizationId", "branch-a1", "stage", "APPLICANT",
                        "appliedOn", "2026-01-05"))
                .exchange().expectStatus().isEqualTo(409);
        client.get().uri("/api/members?sort=idNumber,asc").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isBadRequest();
        // found by the e2e fuzz run (PublicApiFuzzIT): these were 500s
        client.get().uri("/api/members?sort=,,,").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isBadRequest();
        client.get().uri(java.net.URI.create("http://localhost:" + port + "/api/members?name=a%00b"))
                .headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        client.put().uri("/api/organizations/branch-a1/committee").headers(h -> h.setBearerAuth(committee))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"electedOn\":\"2026-01-05\",\"termYears\":3,\"seats\":[null]}")
                .exchange().expectStatus().isBadRequest();
        client.post().uri("/api/members").headers(h -> h.setBearerAuth(committee))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "单位党员", "idNumber", idNumber("11010119700101005"), "organizationId", "unit-a",
                        "stage", "APPLICANT", "appliedOn", "2026-01-05"))
                .exchange().expectStatus().isEqualTo(422);
    }

    @Test
    @Order(6)
    void lifecycleStepsCheckRulesAndVersions() {
        String applicant = client.post().uri("/api/members").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "孙丽", "idNumber", idNumber("11010820000301002"), "organizationId",
                        "branch-a1", "stage", "APPLICANT", "appliedOn", "2024-01-05"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("id").toString();
        client.post().uri("/api/members/" + applicant + "/stage-transitions").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to", "ACTIVIST", "effectiveOn", "2024-03-01", "reason", "支委会确定"))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        client.post().uri("/api/members/" + applicant + "/stage-transitions").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to", "CANDIDATE", "effectiveOn", LocalDate.now().toString()))
                .exchange().expectStatus().isEqualTo(409);
        client.post().uri("/api/members/" + applicant + "/stage-transitions").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"1\"").header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("to", "CANDIDATE", "effectiveOn", "2025-03-02", "trainingDays", 3,
                        "introducerIds", List.of(memberInA, "not-a-member")))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.rule").isEqualTo("lifecycle.introducers")
                .jsonPath("$.source").value(source -> assertThat((String) source).contains("入党介绍人"));

        TopicReader.Published changed = TopicReader.await("party.members",
                r -> applicant.equals(r.key()) && "party.member.stage-changed.v1".equals(r.type()),
                Duration.ofSeconds(60));
        EventContract.assertConforms(changed.type(), changed.data());
        assertThat(changed.data()).contains("\"to\":\"ACTIVIST\"");
    }

    @Test
    @Order(7)
    void organisationsAreRenamedMovedAndDissolvedOnlyWhenEmpty() {
        client.delete().uri("/api/organizations/branch-a1").headers(h -> h.setBearerAuth(committee))
                .header("If-Match", "\"0\"").exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("organization.dissolve-only-empty");
        createOrganization("branch-a2", "机关第二党支部", "BRANCH", "unit-a");
        client.post().uri("/api/organizations/branch-a2/move").headers(h -> h.setBearerAuth(committee))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("parentId", "unit-b")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/city/unit-b/branch-a2");
        client.get().uri("/api/organizations?parentId=unit-b").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(2);
        client.delete().uri("/api/organizations/branch-a2").headers(h -> h.setBearerAuth(committee))
                .header("If-Match", "\"1\"").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("DISSOLVED");
    }

    @Test
    @Order(8)
    void aTransferMovesTheMemberOnlyWhenTheReceivingBranchAccepts() {
        String id = register(secretaryA, "周转接", idNumber("11010519880808001"), "branch-a1", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> transfer = (Map<String, Object>) client.post().uri("/api/members/" + id + "/transfers")
                .headers(h -> h.setBearerAuth(secretaryA)).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("toOrganizationId", "branch-b1", "reason", "工作调动")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(transfer).containsEntry("status", "ISSUED").containsKey("letterNumber");
        String transferId = transfer.get("id").toString();
        assertThat(transferIdOf(id)).isEqualTo(transferId);
        // The receiving secretary sees the member in their inbox, and only then.
        client.get().uri("/api/members?incomingTransfers=true").headers(h -> h.setBearerAuth(secretaryB)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.content[*].id").value(ids -> assertThat(
                        (List<String>) ids).containsExactly(id));
        client.get().uri("/api/members/" + id).headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("TRANSFERRING");
        // The sender cannot accept its own letter.
        client.post().uri("/api/members/" + id + "/transfers/" + transferId + "/acceptance")
                .headers(h -> h.setBearerAuth(secretaryA)).exchange().expectStatus().isNotFound();
        client.post().uri("/api/members/" + id + "/transfers/" + transferId + "/acceptance")
                .headers(h -> h.setBearerAuth(secretaryB)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "回执已寄出")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.organizationId").isEqualTo("branch-b1")
                .jsonPath("$.status").isEqualTo("ACTIVE");
        client.get().uri("/api/members/" + id).headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isNotFound();
        TopicReader.Published moved = TopicReader.await("party.members",
                r -> id.equals(r.key()) && "party.member.transferred.v1".equals(r.type()), Duration.ofSeconds(60));
        EventContract.assertConforms(moved.type(), moved.data());
    }

    private String transferIdOf(String memberId) {
        return client.get().uri("/api/members/" + memberId + "/transfers").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody().stream()
                .map(t -> ((Map<?, ?>) t).get("id").toString()).findFirst().orElseThrow().toString();
    }

    @Test
    @Order(9)
    void deathEndsTheMembershipWithItsDateAndIsFinal() {
        String id = register(secretaryA, "吴故", idNumber("11010519400101003"), "branch-a1", null);
        client.post().uri("/api/members/" + id + "/status-changes").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "DECEASED", "effectiveOn", "2026-10-01", "reason", "因病去世")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DECEASED")
                .jsonPath("$.statusSince").isEqualTo("2026-10-01");
        client.post().uri("/api/members/" + id + "/status-changes").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "LEFT", "effectiveOn", "2026-10-02", "reason", "x")).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    @Order(10)
    void duesAreAssessedPaidAndShownWithTheIncomeOnlyToThoseWhoMayKnowIt() {
        String id = register(secretaryA, "郑党费", idNumber("11010519750505005"), "branch-a1", null);
        client.put().uri("/api/members/" + id + "/dues/assessment").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("category", "EMPLOYED", "monthlyIncome", "4500.00", "since", "2026-09")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.monthlyDues").isEqualTo("45.00");
        client.post().uri("/api/members/" + id + "/dues/payments").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("month", "2026-09", "amount", "1e3", "paidOn", "2026-09-10")).exchange()
                .expectStatus().isBadRequest();
        client.post().uri("/api/members/" + id + "/dues/payments").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("month", "2026-09", "amount", "45.00", "paidOn", "2026-09-10")).exchange()
                .expectStatus().isCreated();
        client.get().uri("/api/members/" + id + "/dues").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.monthlyIncome").isEqualTo("4500.00")
                .jsonPath("$.payments[0].amount").isEqualTo("45.00")
                .jsonPath("$.arrears[0]").isEqualTo("2026-10");
        // at rest the income is encrypted like the id number
        org.bson.Document duesBase = mongo.findById(id, org.bson.Document.class, "members").block()
                .get("duesBase", org.bson.Document.class);
        assertThat(duesBase.get("monthlyIncomeFen")).isInstanceOf(String.class);
        assertThat(duesBase.getString("monthlyIncomeFen")).startsWith("v1:").doesNotContain("450000");
        client.get().uri("/api/members/" + id + "/dues").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.monthlyIncome").doesNotExist()
                .jsonPath("$.monthlyDues").isEqualTo("45.00");
        // an assessment stored before encryption (a plain number) is still read
        mongo.getCollection("members").flatMap(c -> reactor.core.publisher.Mono.from(c.updateOne(
                new org.bson.Document("_id", id), new org.bson.Document("$set",
                        new org.bson.Document("duesBase.monthlyIncomeFen", 300000L))))).block();
        client.get().uri("/api/members/" + id + "/dues").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.monthlyIncome").isEqualTo("3000.00");
    }

    @Test
    @Order(10)
    void unpaidDuesRaiseALapseWarningSeenOnlyWithinScope() {
        String id = register(secretaryA, "钱欠费", idNumber("11010519760606006"), "branch-a1", null);
        client.put().uri("/api/members/" + id + "/dues/assessment").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("category", "EMPLOYED", "monthlyIncome", "4500.00", "since", "2026-05")).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/members/lapse-warnings").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.lapseAfterMonths").isEqualTo(6)
                .jsonPath("$.source").value(source -> assertThat(source.toString()).contains("第九条"))
                .jsonPath("$.content[?(@.memberId == '" + id + "')].level").isEqualTo(List.of("LAPSE_DUE"))
                .jsonPath("$.content[?(@.memberId == '" + id + "')].firstUnpaidMonth").isEqualTo(List.of("2026-05"));
        client.get().uri("/api/members/lapse-warnings").headers(h -> h.setBearerAuth(secretaryB)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.memberId == '" + id + "')]").isEmpty();
        client.get().uri("/api/members/lapse-warnings").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    @Order(10)
    void administratorsAreAssignedPerOrganisationWithinScope() {
        client.put().uri("/api/organizations/branch-a1/administrators/deputy-a").headers(h -> h.setBearerAuth(secretaryA))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.administrators").value(
                        admins -> assertThat((List<String>) admins).contains("deputy-a"));
        client.put().uri("/api/organizations/branch-a1/administrators/deputy-a").headers(h -> h.setBearerAuth(secretaryA))
                .exchange().expectStatus().isOk();
        client.get().uri("/api/organizations/branch-a1/administrators").headers(h -> h.setBearerAuth(auditor))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.administrators.length()").isEqualTo(1);
        client.put().uri("/api/organizations/branch-a1/administrators/intruder").headers(h -> h.setBearerAuth(secretaryB))
                .exchange().expectStatus().isNotFound();
        client.put().uri("/api/organizations/branch-a1/administrators/{u}", "bad name!").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isBadRequest();
        client.put().uri("/api/organizations/branch-a1/administrators/secretary-a").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isOk();
        client.delete().uri("/api/organizations/branch-a1/administrators/secretary-a")
                .headers(h -> h.setBearerAuth(secretaryA)).exchange().expectStatus().isEqualTo(409);
        client.delete().uri("/api/organizations/branch-a1/administrators/deputy-a").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isNoContent();
        client.delete().uri("/api/organizations/branch-a1/administrators/deputy-a").headers(h -> h.setBearerAuth(committee))
                .exchange().expectStatus().isNotFound();
        Organization branch = mongo.findById("branch-a1", Organization.class).block();
        assertThat(branch.getAdministrators()).containsExactly("secretary-a");
        assertThat(branch.getAdministratorsToRevoke()).containsExactly("deputy-a");
    }

    @Test
    @Order(10)
    void floatingMembersAreRegisteredFoundAndComeBack() {
        String id = register(secretaryA, "孙流动", idNumber("11010519770707007"), "branch-a1", null);
        client.put().uri("/api/members/" + id + "/floating").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("since", "2026-03-01", "destination", "深圳市", "reason", "外出务工")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.floating.destination").isEqualTo("深圳市");
        client.get().uri("/api/members?floating=true&size=50").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.content[*].id").value(ids ->
                        assertThat((List<String>) ids).containsExactly(id));
        client.get().uri("/api/members/" + id).headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.floating.since").isEqualTo("2026-03-01")
                .jsonPath("$.floating.destination").doesNotExist();
        client.post().uri("/api/members/" + id + "/floating/return").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"1\"").header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("returnedOn", "2026-01-01")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("返回日期应在外出日期与今天之间。");
        client.put().uri("/api/members/" + id + "/floating").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"1\"").header("Accept-Language", "zh-CN").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("since", "2026-03-01", "destination", "广州市")).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").isEqualTo("该党员已登记为外出流动（自 2026-03-01 起），不能重复登记。");
        client.post().uri("/api/members/" + id + "/floating/return").headers(h -> h.setBearerAuth(secretaryA))
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("returnedOn", "2026-11-01")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.floating").doesNotExist().jsonPath("$.floatingHistory[0].returnedOn").isEqualTo("2026-11-01");
    }

    @Test
    @Order(10)
    void awardsFromHonorServiceAppearOnTheRecordOnceAndRevocationsAreKept() {
        String awardId = "award-" + java.util.UUID.randomUUID();
        Map<String, Object> awarded = new java.util.HashMap<>(Map.of("awardId", awardId, "nominationId", "n1",
                "programId", "p-2026", "category", "outstanding-member", "kind", "INDIVIDUAL", "nomineeType", "MEMBER",
                "nomineeId", memberInA, "organizationId", "branch-a1", "unitId", "unit-a", "awardedBy", "committee"));
        awarded.put("awardedAt", "2026-07-01T02:00:00Z");
        String eventId = java.util.UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 2; delivery++) { // redelivered: takes effect once
            TopicWriter.publish("party.honors", awardId, eventId, "party.honor.awarded.v1", "/honor-service", awarded,
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
        }
        TopicWriter.publish("party.honors", "n1", "party.honor.nomination-reviewed.v1", "/honor-service",
                Map.of("nominationId", "n1"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> client.get()
                .uri("/api/members/" + memberInA + "/honors").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].category").isEqualTo("outstanding-member"));
        client.get().uri("/api/members/" + memberInA + "/honors").headers(h -> h.setBearerAuth(secretaryB)).exchange()
                .expectStatus().isNotFound();
        TopicWriter.publish("party.honors", awardId, "party.honor.revoked.v1", "/honor-service", Map.of("awardId",
                awardId, "nominationId", "n1", "programId", "p-2026", "nomineeType", "MEMBER", "nomineeId", memberInA,
                "reason", "事迹失实", "revokedBy", "committee", "revokedAt", "2026-08-01T02:00:00Z"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> client.get()
                .uri("/api/members/" + memberInA + "/honors").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].revocationReason").isEqualTo("事迹失实")
                .jsonPath("$[0].awardedAt").isEqualTo("2026-07-01T02:00:00Z"));
    }

    @Test
    @Order(11)
    void structureWarningsCoverTheSubtreeWithTheirSources() {
        client.get().uri("/api/organizations/unit-b/warnings").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.organizationId=='branch-b1')].rule").value(rules -> assertThat((List<String>) rules)
                        .contains("structure.branch-min-full-members"))
                .jsonPath("$[0].source").value(source -> assertThat((String) source).contains("支部工作条例"));
        client.put().uri("/api/organizations/branch-b1/committee").headers(h -> h.setBearerAuth(committee))
                .header("If-Match", "\"0\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("electedOn", "2023-01-10", "termYears", 3,
                        "seats", List.of(Map.of("name", "周书记", "post", "书记")))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.committee.seats[0].post").isEqualTo("书记");
        client.get().uri("/api/organizations/branch-b1/warnings").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.rule=='structure.re-election-notice-months')].severity").value(s ->
                        assertThat((List<String>) s).containsExactly("overdue"));
        client.get().uri("/api/organizations/unit-b/warnings").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    @Order(11)
    void theDirectoryNamesOrganisationsWithTheirPathWithinScopeOrCityWideForAdministrators() {
        client.get().uri("/api/organizations/directory?name=第一").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[*].id").isEqualTo(List.of("branch-a1", "branch-b1"))
                .jsonPath("$[1].pathNames").isEqualTo(List.of("市直机关工委", "市卫生健康委", "机关第一党支部"));
        // a secretary's own scope, with the names of the organisations above it
        client.get().uri("/api/organizations/directory?name=第一").headers(h -> h.setBearerAuth(secretaryA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[*].id").isEqualTo(List.of("branch-a1"))
                .jsonPath("$[0].pathNames").isEqualTo(List.of("市直机关工委", "市财政局", "机关第一党支部"))
                .jsonPath("$[0].version").doesNotExist().jsonPath("$[0].administrators").doesNotExist();
        // the receiving organisation of a transfer lies elsewhere: administrators may look city-wide
        client.get().uri("/api/organizations/directory?scope=city&name=第一").headers(h -> h.setBearerAuth(secretaryA))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$[*].id")
                .isEqualTo(List.of("branch-a1", "branch-b1"));
        // by id, dissolved ones too (history refers to them)
        client.get().uri("/api/organizations/directory?scope=city&ids=branch-a2,unit-b").headers(h -> h.setBearerAuth(secretaryA))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$[*].id").isEqualTo(List.of("unit-b", "branch-a2"))
                .jsonPath("$[1].status").isEqualTo("DISSOLVED")
                .jsonPath("$[1].pathNames").isEqualTo(List.of("市直机关工委", "市卫生健康委", "机关第二党支部"));
        client.get().uri("/api/organizations/directory?scope=city").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/organizations/directory").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[*].id").isEqualTo(List.of("branch-a1"));
        client.get().uri("/api/organizations/directory?size=101").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/organizations/directory?scope=everything").headers(h -> h.setBearerAuth(committee)).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    @Order(12)
    void careIsRecordedByTheBranchAndSeenByTheMember() {
        String own = client.get().uri("/api/me").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("memberId").toString();
        client.post().uri("/api/members/" + own + "/care-records").headers(h -> h.setBearerAuth(secretaryA))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "ILLNESS", "date", "2026-11-20", "description", "住院慰问", "amount", "500.00"))
                .exchange().expectStatus().isCreated();
        client.post().uri("/api/members/" + own + "/care-records").headers(h -> h.setBearerAuth(memberA))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "OTHER", "date", "2026-11-20", "description", "x")).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/members/" + own + "/care-records").headers(h -> h.setBearerAuth(memberA)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[0].kind").isEqualTo("ILLNESS").jsonPath("$[0].amount").isEqualTo("500.00");
        client.get().uri("/api/members/" + own + "/care-records").headers(h -> h.setBearerAuth(secretaryB)).exchange()
                .expectStatus().isNotFound();
    }
}
