package city.party.member.importing.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import city.party.platform.test.PlatformIntegrationTest;
import city.party.platform.test.TestTokenIssuer;
import cn.idev.excel.FastExcel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The member form in and out, as clerks have it: Chinese headers, whole-file checks, idempotent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberImportIT extends PlatformIntegrationTest {

    static final String HEADER = "姓名,性别,公民身份号码,人员类别,所在党支部,入党日期,转正日期,联系电话\n";

    @LocalServerPort
    int port;

    WebTestClient client;
    final String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
    final String secretary = TOKENS.token("secretary-x", List.of("org-admin"), TestTokenIssuer.administering("/city/unit-x"));

    @BeforeAll
    void tree() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get().uri("/api/organizations/city")
                .headers(h -> h.setBearerAuth(committee)).exchange().returnResult(String.class).getStatus()
                .is2xxSuccessful());
        for (String[] o : new String[][] { { "unit-x", "市统计局", "UNIT", "city" },
                { "branch-x1", "机关第一党支部", "BRANCH", "unit-x" }, { "branch-x2", "机关第二党支部", "BRANCH", "unit-x" } }) {
            client.post().uri("/api/organizations").headers(h -> h.setBearerAuth(committee))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("id", o[0], "name", o[1], "type", o[2], "parentId", o[3])).exchange()
                    .expectStatus().isCreated();
        }
    }

    static String id(String first17) {
        return city.party.member.member.domain.CitizenIdNumber.withCheckCharacter(first17);
    }

    private WebTestClient.ResponseSpec upload(String token, String fileName, byte[] content, boolean partial) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        return client.post().uri("/api/members/import?organizationId=unit-x&partial=" + partial)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build())).exchange();
    }

    private Map<?, ?> finished(WebTestClient.ResponseSpec accepted) {
        String location = accepted.expectStatus().isAccepted().returnResult(String.class).getResponseHeaders()
                .getLocation().toString();
        Map<?, ?>[] job = new Map<?, ?>[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            job[0] = client.get().uri(location).headers(h -> h.setBearerAuth(secretary)).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            return List.of("COMPLETED", "REJECTED", "FAILED").contains(job[0].get("status"));
        });
        return job[0];
    }

    @Test
    void aGoodCsvIsImportedAndReImportingItCreatesNothingTwice() {
        byte[] csv = ("\uFEFF" + HEADER
                + "李一,男," + id("11010119800101001") + ",正式党员,机关第一党支部,2005-07-01,2006-07-01,13900000001\n"
                + "李二,女," + id("11010119810202002") + ",预备党员,branch-x2,2026/3/1,,13900000002\n"
                + "\n"
                + "李三,男," + id("11010119820303003") + ",正式党员,机关第二党支部,2000.7.1,2001.7.1,\n")
                .getBytes(StandardCharsets.UTF_8);
        Map<?, ?> first = finished(upload(secretary, "党员.csv", csv, false));
        assertThat(first.get("status")).isEqualTo("COMPLETED");
        assertThat(first.get("totalRows")).isEqualTo(3);
        assertThat(first.get("created")).isEqualTo(3);
        String auditor = TOKENS.token("auditor", List.of("auditor"), List.of("/city"));
        client.get().uri("/api/members/import/" + first.get("id")).headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isForbidden();
        Map<?, ?> again = finished(upload(secretary, "党员.csv", csv, false));
        assertThat(again.get("created")).isEqualTo(0);
        assertThat(again.get("skippedExisting")).isEqualTo(3);
        client.get().uri("/api/members?organizationId=unit-x&name=李").headers(h -> h.setBearerAuth(secretary)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(3);
    }

    @Test
    void oneBadRowRejectsTheWholeFileUnlessPartialIsAsked() {
        String bad = HEADER
                + "赵一,男," + id("11010119700101001") + ",正式党员,机关第一党支部,2005-07-01,2006-07-01,\n"
                + "赵二,男,110105194912310021,正式党员,机关第一党支部,2005-07-01,2006-07-01,\n"
                + "赵三,男," + id("11010119700303003") + ",正式党员,不存在的支部,2005-07-01,2006-07-01,\n";
        Map<?, ?> rejected = finished(upload(secretary, "bad.csv", bad.getBytes(StandardCharsets.UTF_8), false));
        assertThat(rejected.get("status")).isEqualTo("REJECTED");
        assertThat(rejected.get("created")).isEqualTo(0);
        assertThat((List<Map<String, Object>>) rejected.get("errors")).extracting(e -> e.get("row") + ":" + e.get("column"))
                .containsExactlyInAnyOrder("3:公民身份号码", "4:所在党支部");
        client.get().uri("/api/members?name=赵").headers(h -> h.setBearerAuth(secretary)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo(0);

        Map<?, ?> partial = finished(upload(secretary, "bad.csv", bad.getBytes(StandardCharsets.UTF_8), true));
        assertThat(partial.get("status")).isEqualTo("COMPLETED");
        assertThat(partial.get("created")).isEqualTo(1);
    }

    @Test
    void wrongFilesAreClearFourHundreds() {
        upload(secretary, "members.csv", "name,id\nx,y\n".getBytes(StandardCharsets.UTF_8), false)
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[*].message").value(m -> assertThat(m.toString()).contains("公民身份号码"));
        upload(secretary, "members.xlsx", "this is not a spreadsheet".getBytes(StandardCharsets.UTF_8), false)
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.type").isEqualTo("urn:party-platform:problem:malformed-request");
        upload(secretary, "members.pdf", "%PDF".getBytes(StandardCharsets.UTF_8), false)
                .expectStatus().isEqualTo(415);
        String member = TOKENS.token("member-x", List.of("member"), List.of("/city/unit-x/branch-x1"));
        upload(member, "m.csv", HEADER.getBytes(StandardCharsets.UTF_8), false).expectStatus().isForbidden();
    }

    @Test
    void aFiftyMegabyteFileIsRefusedWithA413AndNothingIsImported() {
        long before = client.get().uri("/api/members?organizationId=unit-x&size=1").headers(h -> h.setBearerAuth(secretary))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("totalElements") instanceof Number n ? n.longValue() : -1;
        byte[] row = ("王五,男," + id("11010519850505003") + ",正式党员,branch-x1,2010-07-01,2011-07-01,13900000000\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[50 * 1024 * 1024];
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(header, 0, big, 0, header.length);
        for (int at = header.length; at + row.length <= big.length; at += row.length) {
            System.arraycopy(row, 0, big, at, row.length);
        }
        upload(secretary, "members.csv", big, true).expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/members?organizationId=unit-x&size=1").headers(h -> h.setBearerAuth(secretary))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.totalElements").isEqualTo((int) before);
    }

    @Test
    void anXlsxWorksAndTheExportUsesTheSameColumns() {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        List<List<String>> head = List.of(List.of("所在党支部"), List.of("姓名"), List.of("公民身份号码"),
                List.of("人员类别"), List.of("入党日期"), List.of("转正日期"));
        FastExcel.write(xlsx).head(head).sheet("Sheet1").doWrite(List.of(
                List.of("机关第二党支部", "孙表格", id("11010119900909009"), "正式党员", "2015-07-01", "2016-07-01")));
        Map<?, ?> job = finished(upload(secretary, "表格.xlsx", xlsx.toByteArray(), false));
        assertThat(job.get("created")).isEqualTo(1);

        String csv = client.get().uri("/api/members/export?format=csv&organizationId=unit-x")
                .headers(h -> h.setBearerAuth(secretary)).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).contains("姓名,性别,民族,籍贯,出生日期,公民身份号码").contains("孙表格");
        client.get().uri("/api/members/export?format=xlsx&organizationId=unit-x").headers(h -> h.setBearerAuth(secretary))
                .exchange().expectStatus().isOk().expectHeader()
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        String auditor = TOKENS.token("auditor", List.of("auditor"), List.of("/city"));
        client.get().uri("/api/members/export").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isForbidden();
    }
}
