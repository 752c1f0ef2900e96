package city.party.donation.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import city.party.donation.directory.Directory;
import city.party.platform.events.EventJson;
import city.party.platform.test.PlatformIntegrationTest;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test of speed (nothing is asserted about it): a quick, in-process measurement of the
 * service alone (no gateway, in-memory MongoDB emulator) for development —
 * {@code -Dit.test=DonationThroughputIT -Ddonation.bench=true [-Ddonation.bench.requests=5000]}.
 * The real benchmark is bench/donations.sh through the gateway. It does check that the totals are
 * exact afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfSystemProperty(named = "donation.bench", matches = "true")
class DonationThroughputIT extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;

    @Autowired
    Directory directory;

    @Test
    void sustainedDonations() throws Exception {
        Instant t = Instant.now().minusSeconds(600);
        publish("party.organizations", "city", "party.organization.created.v1", Map.of("organizationId", "city",
                "name", "工委", "type", "WORK_COMMITTEE", "path", "/city"), t);
        publish("party.organizations", "unit-a", "party.organization.created.v1", Map.of("organizationId", "unit-a",
                "name", "市财政局", "type", "UNIT", "parentId", "city", "path", "/city/unit-a"), t);
        int memberCount = 200;
        for (int i = 0; i < memberCount; i++) {
            publish("party.members", "m-" + i, "party.member.registered.v1", Map.of("memberId", "m-" + i, "name",
                    "党员" + i, "organizationId", "unit-a", "stage", "FULL", "status", "ACTIVE"), t);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> directory.placement("m-" + (memberCount - 1)).blockOptional().isPresent());
        String token = TOKENS.token("committee", List.of("committee-admin"), List.of("/city"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        String campaign = EventJson.write(Map.of("id", "bench", "name", "bench", "purpose", "bench", "organiser", "x",
                "participatingOrganizationId", "city", "opensAt", Instant.now().minusSeconds(60).toString(),
                "closesAt", Instant.now().plusSeconds(86400).toString()));
        HttpResponse<String> created = http.send(request("/api/donation-campaigns", token, campaign, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        int requests = Integer.getInteger("donation.bench.requests", 3000);
        int concurrency = Integer.getInteger("donation.bench.concurrency", 32);
        for (int round = 0; round < 2; round++) { // round 0 warms the JVM up
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            CountDownLatch done = new CountDownLatch(concurrency);
            String run = UUID.randomUUID().toString();
            long start = System.nanoTime();
            for (int c = 0; c < concurrency; c++) {
                pool.submit(() -> {
                    try {
                        int i;
                        while ((i = next.getAndIncrement()) < requests) {
                            String body = "{\"campaignId\":\"bench\",\"memberId\":\"m-" + (i % memberCount)
                                    + "\",\"amount\":\"1.00\",\"channel\":\"ONLINE\"}";
                            long s = System.nanoTime();
                            HttpResponse<String> r = http.send(request("/api/donations", token, body, run + "-" + i),
                                    HttpResponse.BodyHandlers.ofString());
                            latencies.add(System.nanoTime() - s);
                            if (r.statusCode() != 201) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                    catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("BENCH round %d: %d donations in %.1f s = %.0f/s, p50 %.1f ms, p99 %.1f ms, failures %d%n",
                    round, requests, seconds, requests / seconds, sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get((int) (sorted.size() * 0.99)) / 1e6, failures.get());
        }
        HttpResponse<String> progress = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/donation-campaigns/bench/progress")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("BENCH progress: " + progress.body().substring(0, Math.min(200, progress.body().length())));
        assertThat(progress.body()).contains("\"total\":\"" + (2 * requests) + ".00\"");
    }

    HttpRequest request(String path, String token, String body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return b.build();
    }

    void publish(String topic, String key, String type, Object body, Instant at) throws Exception {
        kafka.send(topic, key, CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/member-service")).withType(type).withSubject(key)
                .withTime(at.atOffset(ZoneOffset.UTC)).withDataContentType("application/json")
                .withData(EventJson.write(body).getBytes(StandardCharsets.UTF_8)).build()).get();
    }
}
