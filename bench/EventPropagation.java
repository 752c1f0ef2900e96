// Event propagation benchmark: how long after a write's HTTP response the consumers' read models show it.
//
// Registers members at a steady rate (POST /api/members on the member-service, FULL members of one
// branch), remembering when each 201 arrived. Every consumer of party.member.registered.v1 (honor-,
// activity- and donation-service) records each event it has applied in its processed_events
// collection, with processedAt taken when the effect on its read model is done. After the writes,
// the benchmark reads those records (one query per consumer per second, until all are there or
// TIMEOUT seconds have passed) and reports, per consumer and for the slowest one, the time from the
// registration's 201 to processedAt — outbox relay, Kafka and the consumer's write. Every
// registration is measured; the probe adds no load while the writes run (an earlier version polled
// the honor-service's HTTP API, and those polls became a large part of the load it measured).
// The clocks compared are this machine's: run it on the platform's machine.
//
//   java -cp <mongodb-driver-sync, driver-core, bson jars> bench/EventPropagation.java
//   (bench/report.sh finds the jars in the local Maven repository)
//
// Knobs (environment): RATE=200 (registrations/s), DURATION=30 (s), TIMEOUT=60 (s after the last
// write an event may take before it counts as not seen), BRANCH=branch-c1, REGION=650104 (first six
// digits of the id numbers), CONSUMERS=honor-service,activity-service,donation-service (their
// databases), MEMBER_URL=http://127.0.0.1:8081, MONGO_URL=mongodb://127.0.0.1:27017,
// TOKEN_URL=<Keycloak token endpoint of the party realm>.
//
// The last line of the output is machine-readable: "RESULT key=value ..." (times in ms).

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;

public class EventPropagation {

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static final int RATE = Integer.parseInt(env("RATE", "200"));
    static final int DURATION = Integer.parseInt(env("DURATION", "30"));
    static final int TIMEOUT = Integer.parseInt(env("TIMEOUT", "60"));
    static final String BRANCH = env("BRANCH", "branch-c1");
    static final String REGION = env("REGION", "650104");
    static final String MEMBER_URL = env("MEMBER_URL", "http://127.0.0.1:8081");
    static final String MONGO_URL = env("MONGO_URL", "mongodb://127.0.0.1:27017");
    static final String CONSUMERS = env("CONSUMERS", "honor-service,activity-service,donation-service");
    static final String TOKEN_URL = env("TOKEN_URL",
            "http://localhost:8180/realms/party/protocol/openid-connect/token");
    /** More registrations in flight than this and the tick is skipped (counted): the writer never queues up unboundedly. */
    static final int MAX_IN_FLIGHT = 1000;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicReference<String> token = new AtomicReference<>();

    public static void main(String[] args) throws Exception {
        token.set(fetchToken());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        // Tokens live 5 minutes: refresh well before.
        scheduler.scheduleAtFixedRate(() -> {
            try {
                token.set(fetchToken());
            }
            catch (Exception e) {
                System.err.println("token refresh failed: " + e);
            }
        }, 60, 60, TimeUnit.SECONDS);

        // member id -> when its 201 arrived (wall clock, ms: compared with the consumers' processedAt)
        Map<String, Long> answered = new ConcurrentHashMap<>();
        AtomicInteger attempted = new AtomicInteger(), created = new AtomicInteger(), rejected = new AtomicInteger(),
                skipped = new AtomicInteger(), inFlight = new AtomicInteger();
        List<Long> writeLatencies = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> firstRejection = new AtomicReference<>();

        // Distinct valid citizen id numbers: a birth date per 1,000 registrations (starting at a day
        // chosen by the minute of the run, so runs do not collide), the sequence, the check character.
        long firstDay = (System.currentTimeMillis() / 60_000) % 15_000;
        LocalDate epoch = LocalDate.of(1950, 1, 1);

        long period = 1_000_000_000L / RATE;
        long total = (long) RATE * DURATION;
        long start = System.nanoTime();
        scheduler.scheduleAtFixedRate(new Runnable() {
            int n = 0;

            @Override
            public void run() {
                if (n >= total) {
                    return;
                }
                int i = n++;
                attempted.incrementAndGet();
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    skipped.incrementAndGet();
                    return;
                }
                LocalDate birth = epoch.plusDays(firstDay + i / 1000);
                String id = idNumber(REGION + birth.toString().replace("-", "") + String.format("%03d", i % 1000));
                String body = "{\"name\":\"传播基准党员\",\"idNumber\":\"" + id + "\",\"organizationId\":\"" + BRANCH
                        + "\",\"stage\":\"FULL\",\"joinedPartyOn\":\"2000-07-01\",\"fullMemberOn\":\"2001-07-01\"}";
                HttpRequest request = HttpRequest.newBuilder(URI.create(MEMBER_URL + "/api/members"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token.get())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long sent = System.nanoTime();
                inFlight.incrementAndGet();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    long answeredNanos = System.nanoTime();
                    long answeredAt = System.currentTimeMillis();
                    inFlight.decrementAndGet();
                    if (error != null || response.statusCode() != 201) {
                        rejected.incrementAndGet();
                        firstRejection.compareAndSet(null, error != null ? error.toString()
                                : response.statusCode() + " " + response.body());
                        return;
                    }
                    created.incrementAndGet();
                    writeLatencies.add(answeredNanos - sent);
                    String location = response.headers().firstValue("Location").orElse("");
                    answered.put(location.substring(location.lastIndexOf('/') + 1), answeredAt);
                });
            }
        }, 0, period, TimeUnit.NANOSECONDS);

        // Wait for the writes, then read when each consumer recorded each registration as processed.
        while (attempted.get() < total || inFlight.get() > 0) {
            Thread.sleep(100);
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        scheduler.shutdownNow();
        long writesOver = System.currentTimeMillis();

        List<Long> writes = new ArrayList<>(writeLatencies);
        Collections.sort(writes);
        System.out.printf("attempted %d, created %d, rejected %d%s, skipped (too many in flight) %d; writes took %.1f s%n",
                attempted.get(), created.get(), rejected.get(),
                firstRejection.get() == null ? "" : " (first: " + firstRejection.get() + ")", skipped.get(), writeSeconds);

        StringBuilder result = new StringBuilder(String.format(
                "RESULT rate=%d duration=%d created=%d rejected=%d skipped=%d created_per_s=%.1f write_p50=%s write_p99=%s",
                RATE, DURATION, created.get(), rejected.get(), skipped.get(), created.get() / (double) DURATION,
                ms(writes, 0.50), ms(writes, 0.99)));
        String worst = null;
        double worstP99 = -1;
        Map<String, String> worstFields = Map.of();
        try (MongoClient mongo = MongoClients.create(MONGO_URL)) {
            for (String consumer : CONSUMERS.split(",")) {
                Map<String, Long> seenAt = seenAt(mongo, consumer, answered, writesOver);
                List<Long> latencies = new ArrayList<>();
                for (Map.Entry<String, Long> entry : answered.entrySet()) {
                    Long at = seenAt.get(entry.getKey());
                    if (at != null) {
                        // The consumer can finish before the client has read the 201 (the relay is quick):
                        // that counts as no delay, not as a negative one.
                        latencies.add(Math.max(0, at - entry.getValue()) * 1_000_000);
                    }
                }
                Collections.sort(latencies);
                int notSeen = answered.size() - latencies.size();
                String key = consumer.replace("-service", "");
                System.out.printf("%s: seen %d of %d, not seen within %d s %d, p50 %s ms, p99 %s ms, max %s ms%n",
                        consumer, latencies.size(), answered.size(), TIMEOUT, notSeen, ms(latencies, 0.50),
                        ms(latencies, 0.99), ms(latencies, 1.0));
                result.append(String.format(" %s_seen=%d %s_timed_out=%d %s_p50=%s %s_p99=%s %s_max=%s", key,
                        latencies.size(), key, notSeen, key, ms(latencies, 0.50), key, ms(latencies, 0.99), key,
                        ms(latencies, 1.0)));
                double p99 = notSeen > 0 || latencies.isEmpty() ? Double.MAX_VALUE
                        : latencies.get(rank(latencies.size(), 0.99)) / 1e6;
                if (p99 > worstP99) {
                    worstP99 = p99;
                    worst = consumer;
                    worstFields = Map.of("seen", String.valueOf(latencies.size()), "timed_out", String.valueOf(notSeen),
                            "p50", ms(latencies, 0.50), "p99", ms(latencies, 0.99), "max", ms(latencies, 1.0));
                }
            }
        }
        // The headline is the slowest consumer: an event has propagated when every reader shows it.
        result.append(String.format(" sampled=%d seen=%s timed_out=%s p50=%s p99=%s max=%s slowest=%s", answered.size(),
                worstFields.get("seen"), worstFields.get("timed_out"), worstFields.get("p50"), worstFields.get("p99"),
                worstFields.get("max"), worst));
        System.out.println(result);
    }

    /**
     * When {@code consumer} recorded each registered member's event as processed ({@code processed_events.processedAt},
     * taken when the effect on its read model is done), waiting until it has them all or TIMEOUT seconds after the
     * last write. One query per second: the probe must not become the load it measures.
     */
    static Map<String, Long> seenAt(MongoClient mongo, String consumer, Map<String, Long> answered, long writesOver)
            throws InterruptedException {
        long earliest = answered.values().stream().mapToLong(Long::longValue).min().orElse(writesOver) - 60_000;
        Map<String, Long> seen = new HashMap<>();
        while (true) {
            for (Document record : mongo.getDatabase(consumer).getCollection("processed_events")
                    .find(Filters.and(Filters.eq("type", "party.member.registered.v1"),
                            Filters.gte("processedAt", new Date(earliest))))
                    .projection(new Document("subject", 1).append("processedAt", 1))) {
                String member = record.getString("subject");
                if (answered.containsKey(member)) {
                    seen.put(member, record.getDate("processedAt").getTime());
                }
            }
            System.err.printf("%s: %d of %d registrations applied%n", consumer, seen.size(), answered.size());
            if (seen.size() >= answered.size() || System.currentTimeMillis() - writesOver > TIMEOUT * 1000L) {
                return seen;
            }
            Thread.sleep(1000);
        }
    }

    static int rank(int size, double quantile) {
        return Math.max(0, (int) Math.ceil(quantile * size) - 1);
    }

    /** Nearest-rank percentile in milliseconds, "-" when there is nothing to rank. */
    static String ms(List<Long> sortedNanos, double quantile) {
        if (sortedNanos.isEmpty()) {
            return "-";
        }
        return String.format("%.1f", sortedNanos.get(rank(sortedNanos.size(), quantile)) / 1e6);
    }

    /** The 18th character of a citizen id number (GB 11643, ISO 7064 MOD 11-2) appended to the first 17. */
    static String idNumber(String first17) {
        int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (first17.charAt(k) - '0') * weights[k];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static String fetchToken() throws Exception {
        String form = "grant_type=password&client_id=platform-cli&username=committee&password=committee-pass";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no token from " + TOKEN_URL + ": " + response.statusCode());
        }
        return m.group(1);
    }
}
