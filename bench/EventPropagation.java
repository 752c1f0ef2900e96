// Event propagation benchmark: how long after a write's HTTP response the consumer's read model shows it.
//
// Registers members at a steady rate (POST /api/members on the member-service, FULL members of one
// branch) and, for every SAMPLE_EVERY-th of them, polls the honor-service's eligibility check
// (GET /api/nominations/eligibility?programId=&memberId=), which answers 404 until the honor-service
// has consumed party.member.registered.v1 into its member facts and 200 from then on. The latency of
// one event is the time from the registration's 201 to the first 200 of the poll (an upper bound:
// the poll interval is the resolution). Run it with the JDK's single-file source launcher:
//
//   java bench/EventPropagation.java
//
// Knobs (environment): RATE=200 (registrations/s), DURATION=30 (s), SAMPLE_EVERY=4, POLL_MS=20,
// TIMEOUT=60 (s an event may take before it counts as not seen), MAX_POLLS=16 (polls in flight), BRANCH=branch-c1, PROGRAM=demo-july-first,
// REGION=650104 (first six digits of the id numbers), MEMBER_URL=http://127.0.0.1:8081,
// HONOR_URL=http://127.0.0.1:8083, TOKEN_URL=<Keycloak token endpoint of the party realm>.
//
// The last line of the output is machine-readable: "RESULT key=value ..." (times in ms).
// Sampling keeps the poll load (at most SAMPLE_EVERY-th of the writes, one poll in flight per event)
// from becoming the load under test.

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
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

public class EventPropagation {

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static final int RATE = Integer.parseInt(env("RATE", "200"));
    static final int DURATION = Integer.parseInt(env("DURATION", "30"));
    static final int SAMPLE_EVERY = Integer.parseInt(env("SAMPLE_EVERY", "4"));
    static final int POLL_MS = Integer.parseInt(env("POLL_MS", "20"));
    static final int TIMEOUT = Integer.parseInt(env("TIMEOUT", "60"));
    static final String BRANCH = env("BRANCH", "branch-c1");
    static final String PROGRAM = env("PROGRAM", "demo-july-first");
    static final String REGION = env("REGION", "650104");
    static final String MEMBER_URL = env("MEMBER_URL", "http://127.0.0.1:8081");
    static final String HONOR_URL = env("HONOR_URL", "http://127.0.0.1:8083");
    static final String TOKEN_URL = env("TOKEN_URL",
            "http://localhost:8180/realms/party/protocol/openid-connect/token");
    /** More registrations in flight than this and the tick is skipped (counted): the writer never queues up unboundedly. */
    static final int MAX_IN_FLIGHT = 1000;
    /** At most this many polls at once: with a backlog the polls must not become the honor-service's load. */
    static final int MAX_POLLS_IN_FLIGHT = Integer.parseInt(env("MAX_POLLS", "16"));
    static final AtomicInteger pollsInFlight = new AtomicInteger();

    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicReference<String> token = new AtomicReference<>();

    /** A sampled event: when its write was answered, and whether a poll for it is in flight. */
    static final class Pending {
        final long answeredNanos;
        volatile boolean polling;

        Pending(long answeredNanos) {
            this.answeredNanos = answeredNanos;
        }
    }

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

        Map<String, Pending> pending = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger attempted = new AtomicInteger(), created = new AtomicInteger(), rejected = new AtomicInteger(),
                skipped = new AtomicInteger(), inFlight = new AtomicInteger(), sampled = new AtomicInteger(),
                pollErrors = new AtomicInteger(), polls = new AtomicInteger();
        List<Long> writeLatencies = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> firstRejection = new AtomicReference<>(), firstPollError = new AtomicReference<>();

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
                boolean sample = i % SAMPLE_EVERY == 0;
                long sent = System.nanoTime();
                inFlight.incrementAndGet();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    long answered = System.nanoTime();
                    inFlight.decrementAndGet();
                    if (error != null || response.statusCode() != 201) {
                        rejected.incrementAndGet();
                        firstRejection.compareAndSet(null, error != null ? error.toString()
                                : response.statusCode() + " " + response.body());
                        return;
                    }
                    created.incrementAndGet();
                    writeLatencies.add(answered - sent);
                    if (sample) {
                        String location = response.headers().firstValue("Location").orElse("");
                        String memberId = location.substring(location.lastIndexOf('/') + 1);
                        sampled.incrementAndGet();
                        pending.put(memberId, new Pending(answered));
                    }
                });
            }
        }, 0, period, TimeUnit.NANOSECONDS);

        // Poll every POLL_MS until the writes are over and nothing is pending (or has timed out).
        int timedOut = 0;
        while (true) {
            long now = System.nanoTime();
            for (Map.Entry<String, Pending> entry : pending.entrySet()) {
                Pending p = entry.getValue();
                if (now - p.answeredNanos > TimeUnit.SECONDS.toNanos(TIMEOUT)) {
                    if (pending.remove(entry.getKey(), p)) {
                        timedOut++;
                    }
                    continue;
                }
                if (p.polling || pollsInFlight.get() >= MAX_POLLS_IN_FLIGHT) {
                    continue;
                }
                p.polling = true;
                pollsInFlight.incrementAndGet();
                polls.incrementAndGet();
                HttpRequest poll = HttpRequest.newBuilder(URI.create(HONOR_URL + "/api/nominations/eligibility?programId="
                        + URLEncoder.encode(PROGRAM, StandardCharsets.UTF_8) + "&memberId=" + entry.getKey()))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token.get()).GET().build();
                http.sendAsync(poll, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    long seen = System.nanoTime();
                    pollsInFlight.decrementAndGet();
                    if (error == null && response.statusCode() == 200) {
                        if (pending.remove(entry.getKey(), p)) {
                            latencies.add(seen - p.answeredNanos);
                        }
                        return;
                    }
                    if (error != null || response.statusCode() != 404) {
                        pollErrors.incrementAndGet();
                        firstPollError.compareAndSet(null, error != null ? error.toString()
                                : String.valueOf(response.statusCode()));
                    }
                    p.polling = false;
                });
            }
            boolean writing = attempted.get() < total || inFlight.get() > 0;
            if (!writing && pending.isEmpty()) {
                break;
            }
            Thread.sleep(POLL_MS);
        }
        scheduler.shutdownNow();
        double writeSeconds = (System.nanoTime() - start) / 1e9;

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        List<Long> writes = new ArrayList<>(writeLatencies);
        Collections.sort(writes);
        System.out.printf("attempted %d, created %d, rejected %d%s, skipped (too many in flight) %d%n", attempted.get(),
                created.get(), rejected.get(), firstRejection.get() == null ? "" : " (first: " + firstRejection.get() + ")",
                skipped.get());
        System.out.printf("sampled %d, seen %d, not seen within %d s %d, polls %d, poll errors %d%s%n", sampled.get(),
                sorted.size(), TIMEOUT, timedOut, polls.get(), pollErrors.get(),
                firstPollError.get() == null ? "" : " (first: " + firstPollError.get() + ")");
        System.out.printf(
                "RESULT rate=%d duration=%d created=%d rejected=%d skipped=%d created_per_s=%.1f sampled=%d seen=%d timed_out=%d "
                        + "p50=%s p99=%s max=%s write_p50=%s write_p99=%s poll_ms=%d poll_errors=%d%n",
                RATE, DURATION, created.get(), rejected.get(), skipped.get(), created.get() / (double) DURATION,
                sampled.get(), sorted.size(), timedOut, ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 1.0),
                ms(writes, 0.50), ms(writes, 0.99), POLL_MS, pollErrors.get());
        // Mention the run's length so a reader can tell a backlog from a steady state.
        System.err.printf("run took %.1f s%n", writeSeconds);
    }

    /** Nearest-rank percentile in milliseconds, "-" when there is nothing to rank. */
    static String ms(List<Long> sortedNanos, double quantile) {
        if (sortedNanos.isEmpty()) {
            return "-";
        }
        int rank = (int) Math.ceil(quantile * sortedNanos.size());
        return String.format("%.1f", sortedNanos.get(Math.max(0, rank - 1)) / 1e6);
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
