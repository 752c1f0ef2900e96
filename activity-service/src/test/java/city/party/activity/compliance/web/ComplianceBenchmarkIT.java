package city.party.activity.compliance.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import city.party.platform.test.PlatformIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Benchmark, not a test (run by {@code bench/compliance.sh}; skipped in the normal build): 2,000
 * organisations with two years of held counts (2025 complete, 2026 up to November), then
 * {@code GET /api/compliance} for the whole city, a unit and a branch, over HTTP with a real token.
 * Reports p50 / p95 / max per query; asserts nothing about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ComplianceBenchmarkIT extends PlatformIntegrationTest {

    static final int UNITS = 20;
    static final int BRANCHES_PER_UNIT = 80;
    static final int GROUPS_PER_UNIT = 18;

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void complianceQueries() throws Exception {
        int organizations = seed();
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
        String committee = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
        int rounds = Integer.getInteger("bench.rounds", 100);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("city, month", "/api/compliance?organizationId=city&period=2026-11");
        queries.put("city, quarter", "/api/compliance?organizationId=city&period=2026-Q4");
        queries.put("city, year 2026", "/api/compliance?organizationId=city&period=2026");
        queries.put("city, year 2025", "/api/compliance?organizationId=city&period=2025");
        queries.put("unit (100 orgs), year", "/api/compliance?organizationId=unit-07&period=2026");
        queries.put("branch, month", "/api/compliance?organizationId=branch-07-033&period=2026-11");
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            for (int i = 0; i < 10; i++) {
                client.get().uri(query.getValue()).headers(h -> h.setBearerAuth(committee)).exchange()
                        .expectStatus().isOk();
            }
            long[] nanos = new long[rounds];
            String overdue = "";
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                Map<?, ?> body = client.get().uri(query.getValue()).headers(h -> h.setBearerAuth(committee)).exchange()
                        .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
                nanos[i] = System.nanoTime() - start;
                overdue = String.valueOf(((Map<?, ?>) body.get("subtree")).get("overdue"));
            }
            Arrays.sort(nanos);
            rows.add(String.format("| %s | %s | %d | %.1f | %.1f | %.1f | %s |", LocalDate.now(), query.getKey(), rounds,
                    ms(nanos[rounds / 2]), ms(nanos[(int) Math.ceil(rounds * 0.95) - 1]), ms(nanos[rounds - 1]),
                    overdue));
        }
        String header = "organisations: " + organizations + ", counters: " + mongo.count(
                new org.springframework.data.mongodb.core.query.Query(), "compliance_counters").block();
        System.out.println("compliance benchmark — " + header);
        rows.forEach(System.out::println);
        String out = System.getProperty("bench.out");
        if (out != null && !out.isBlank()) {
            Files.writeString(Path.of(out), String.join("\n", rows) + "\n" + header + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The tree and two years of counts, written directly (the counting itself is covered by ActivityApiIT). */
    int seed() {
        Random random = new Random(42);
        Instant created = Instant.parse("2020-01-01T00:00:00Z");
        List<Document> nodes = new ArrayList<>();
        List<Document> counters = new ArrayList<>();
        nodes.add(node("city", "市直机关工委", "WORK_COMMITTEE", null, "/city", created));
        for (int u = 1; u <= UNITS; u++) {
            String unit = String.format("unit-%02d", u);
            String unitPath = "/city/" + unit;
            nodes.add(node(unit, "单位" + u, "UNIT", "city", unitPath, created));
            String committee = "committee-" + u;
            String committeePath = unitPath + "/" + committee;
            nodes.add(node(committee, "机关党委" + u, "COMMITTEE", unit, committeePath, created));
            for (int b = 1; b <= BRANCHES_PER_UNIT; b++) {
                String branch = String.format("branch-%02d-%03d", u, b);
                String branchPath = committeePath + "/" + branch;
                nodes.add(node(branch, "第" + b + "党支部", "BRANCH", committee, branchPath, created));
                for (int year : new int[] { 2025, 2026 }) {
                    int lastMonth = year == 2026 ? 11 : 12;
                    counters.add(counter(branch, year, "branch-committee-meeting", monthly(random, lastMonth, 0.93)));
                    counters.add(counter(branch, year, "theme-party-day", monthly(random, lastMonth, 0.95)));
                    counters.add(counter(branch, year, "branch-general-meeting", quarterly(random, lastMonth, 0.9)));
                    counters.add(counter(branch, year, "party-lesson", quarterly(random, lastMonth, 0.9)));
                    if (year == 2025) {
                        counters.add(counter(branch, year, "organizational-life-meeting", once(random, 12, 0.97)));
                        counters.add(counter(branch, year, "democratic-appraisal", once(random, 12, 0.97)));
                    }
                }
                if (b <= GROUPS_PER_UNIT) {
                    String group = branch + "-g1";
                    nodes.add(node(group, "第一党小组", "GROUP", branch, branchPath + "/" + group, created));
                    counters.add(counter(group, 2025, "group-meeting", monthly(random, 12, 0.9)));
                    counters.add(counter(group, 2026, "group-meeting", monthly(random, 11, 0.9)));
                }
            }
        }
        mongo.insert(nodes, "organizations").then().block();
        for (int i = 0; i < counters.size(); i += 1000) {
            mongo.insert(counters.subList(i, Math.min(counters.size(), i + 1000)), "compliance_counters").then().block();
        }
        return nodes.size();
    }

    static Document node(String id, String name, String type, String parentId, String path, Instant created) {
        return new Document("_id", id).append("name", name).append("type", type).append("parentId", parentId)
                .append("path", path).append("createdAt", java.util.Date.from(created))
                .append("createdOn", java.util.Date.from(created));
    }

    static int[] monthly(Random random, int lastMonth, double p) {
        int[] held = new int[13];
        for (int m = 1; m <= lastMonth; m++) {
            held[m] = random.nextDouble() < p ? 1 : 0;
        }
        return held;
    }

    static int[] quarterly(Random random, int lastMonth, double p) {
        int[] held = new int[13];
        for (int m = 2; m <= lastMonth; m += 3) {
            held[m] = random.nextDouble() < p ? 1 : 0;
        }
        return held;
    }

    static int[] once(Random random, int month, double p) {
        int[] held = new int[13];
        held[month] = random.nextDouble() < p ? 1 : 0;
        return held;
    }

    static Document counter(String organizationId, int year, String kind, int[] held) {
        Document months = new Document();
        List<String> ids = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            if (held[m] > 0) {
                months.append("m" + m, held[m]);
                ids.add(java.util.UUID.randomUUID().toString());
            }
        }
        return new Document("_id", organizationId + "|" + year + "|" + kind).append("organizationId", organizationId)
                .append("year", year).append("kind", kind).append("months", months).append("activityIds", ids);
    }
}
