package city.party.e2e.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import city.party.e2e.Platform;
import city.party.e2e.Sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step 1 of the July-1 scenario: a donation campaign for the whole city opens (backdated three
 * days: the surge stands for "two or three days" of giving, each donation dated on its simulated
 * day); the committee records the city's donations — the demo realm has no logins for the generated
 * members, and committee staff may record for anyone — some sent twice with the same
 * Idempotency-Key as a client that lost an answer would, some reversed. Meanwhile the Kafka broker
 * is stopped and started again, then donation-service is killed (SIGKILL) and restarted. Then the
 * units complete (the ones where everybody gave by full participation, the others by declaration),
 * hand their money over to the organisation department, which disburses all of it to beneficiary
 * groups. Every figure — progress, reconciliation, the public ledger, the stored donations and the
 * events on Kafka — must equal what this step sent and got a 201 for, minus the reversals, to the 分.
 */
public final class DonationSurge {

    private static final int SENDERS = 8;
    private static final String RECIPIENT = "市委组织部";
    private static final Duration SIMULATED_DAYS = Duration.ofDays(3);
    /** Beneficiary groups (codes of donation-service's configuration) and their share in percent. */
    private static final Map<String, Integer> SHARES = shares();
    private static final List<String> CHANNELS = List.of("ONLINE", "ONLINE", "ONLINE", "CASH", "CASH", "BANK_TRANSFER");
    private static final long[] USUAL_YUAN = {20, 50, 100, 100, 200, 200, 500, 1000};

    private enum Kind { DONATE, RETRY, REVERSE }

    /** One planned donation; {@code extra} if the member had already given in the plan (may be reversed). */
    private record Gift(int number, String key, String memberId, String unitId, BigDecimal amount, boolean consent,
            boolean extra, Map<String, Object> body) {
    }

    private record Task(Kind kind, Gift gift) {
    }

    /** The answer a key got: donation id and receipt. */
    private record Recorded(String id, String receipt) {
    }

    private final ScenarioCity city;
    private final Api committee;
    private final Api bulk;
    private final String bulkVia;
    private final Api anonymous = new Api(Platform.GATEWAY, () -> null);
    private final String campaign = "jul1-donations-" + Long.toString(System.currentTimeMillis(), 36);
    private final Duration brokerOutage;
    private final Duration shortestSurge;

    // what the surge saw
    private final Map<String, CompletableFuture<Recorded>> answers = new ConcurrentHashMap<>();
    private final Queue<String[]> replays = new ConcurrentLinkedQueue<>(); // key, id, receipt
    private final Set<String> reversed = ConcurrentHashMap.newKeySet(); // keys
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger acceptedWhileBrokerDown = new AtomicInteger();
    private final AtomicInteger reversalAnswersLost = new AtomicInteger();
    private final AtomicBoolean brokerDown = new AtomicBoolean();
    private final AtomicBoolean serviceDown = new AtomicBoolean();
    private final AtomicInteger sentWhileServiceDown = new AtomicInteger();
    private final CountDownLatch brokerBack = new CountDownLatch(1);
    private final CountDownLatch killed = new CountDownLatch(1);
    private final AtomicReference<Throwable> faultFailure = new AtomicReference<>();
    private volatile int inFlightAtKill = -1;
    private volatile long serviceBackAfterMillis = -1;

    public DonationSurge(ScenarioCity city) {
        this.city = city;
        this.committee = city.committee();
        boolean cityScale = city.scale().name().equals("city");
        // At city scale the bulk goes straight to donation-service (as bench/ does): through the gateway
        // the per-caller rate limit and ~35 donations/s would make tens of thousands take half an hour.
        // Every check reads through the gateway either way.
        this.bulkVia = System.getProperty("scenario.donations.via", cityScale ? "direct" : "gateway");
        this.bulk = bulkVia.equals("direct")
                ? new Api(System.getProperty("scenario.donations.direct", "http://127.0.0.1:8084"), city.committeeToken())
                : committee;
        this.brokerOutage = Duration.ofSeconds(cityScale ? 60 : 15);
        // the faults must fall inside the surge, so a small one is paced to last a while
        this.shortestSurge = brokerOutage.multipliedBy(4);
    }

    public void run() {
        long started = System.nanoTime();
        PublishedDonationEvents events = PublishedDonationEvents.fromNow();
        Instant opensAt = Instant.now().minus(SIMULATED_DAYS).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        openCampaign(opensAt);
        Map<String, String> unitOf = new HashMap<>();
        city.units().forEach(u -> u.members().values().forEach(ids -> ids.forEach(id -> unitOf.put(id, u.id()))));
        directoryKnowsEveryMember();

        List<Gift> gifts = plan(opensAt, unitOf);
        List<Task> tasks = tasks(gifts);
        long surgeStarted = System.nanoTime();
        surge(gifts.size(), tasks);
        double surgeSeconds = (System.nanoTime() - surgeStarted) / 1e9;

        Expected expected = expected(gifts);
        everyKeyOnceWithOneReceipt(gifts);
        close(gifts);
        progressIsExact(expected);
        unitsComplete(expected);
        reconciled(expected, 0, 0);
        List<String> handOvers = handOver(expected, gifts);
        List<String> disbursements = disburse(expected.total);
        reconciled(expected, handOvers.size(), disbursements.size());
        publicLedgerBalances(expected, handOvers.size(), disbursements.size());
        PublishedDonationEvents published = eventsArrived(events, expected, handOvers, disbursements);

        System.out.printf("scenario donations (%s, via %s): %d donations in %.0f s (%.1f/s) by %d senders, "
                + "%d idempotent retries, %d reversed; %d accepted while the broker was down %d s; "
                + "donation-service SIGKILLed with %d requests in flight (%d more sent before it was back, %d "
                + "reversal answers lost), back after %d s; "
                + "%d units completed, %d hand-overs, %d disbursements; %s received = handed over = disbursed; "
                + "%d events on Kafka (%d records); step took %d s%n",
                city.scale().name(), bulkVia, gifts.size(), surgeSeconds, gifts.size() / surgeSeconds, SENDERS,
                replays.size(), reversed.size(), acceptedWhileBrokerDown.get(), brokerOutage.toSeconds(),
                inFlightAtKill, sentWhileServiceDown.get(), reversalAnswersLost.get(), serviceBackAfterMillis / 1000,
                city.units().size(), handOvers.size(), disbursements.size(), expected.total.toPlainString(),
                published.distinctEvents(), published.records(), (System.nanoTime() - started) / 1_000_000_000);
    }

    // ---- the campaign --------------------------------------------------------------------------

    private void openCampaign(Instant opensAt) {
        Api.Answer created = committee.post("/api/donation-campaigns", Map.of("id", campaign,
                "name", "七一自愿捐款（场景 " + campaign.substring(campaign.lastIndexOf('-') + 1) + "）",
                "purpose", "慰问一线医务人员、社区工作者、志愿者和牺牲同志家属",
                "participatingOrganizationId", "city", "opensAt", opensAt.toString(),
                "closesAt", Instant.now().plus(Duration.ofDays(1)).toString())).expect(201);
        assertThat((String) created.read("$.id")).isEqualTo(campaign);
        assertThat((String) committee.get("/api/donation-campaigns/" + campaign).expect(200).read("$.status"))
                .as("the campaign is open").isEqualTo("OPEN");
    }

    /**
     * donation-service learns members from member-service's events: it must know all of them first —
     * per branch, as the units may hold more branches than this scale's (a larger city built earlier on
     * the same platform).
     */
    private void directoryKnowsEveryMember() {
        Map<String, Integer> members = new TreeMap<>();
        city.units().forEach(u -> u.members().forEach((branch, ids) -> members.put(branch, ids.size())));
        // tens of thousands of freshly imported members take donation-service a few minutes at city scale
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<Map<String, Object>> organizations = progress().read("$.organizations");
            Map<String, Integer> known = organizations.stream().collect(Collectors.toMap(
                    o -> (String) o.get("organizationId"), o -> ((Number) o.get("members")).intValue()));
            members.forEach((branch, count) -> assertThat(known.get(branch)).as("members of %s", branch).isEqualTo(count));
        });
    }

    // ---- the plan ------------------------------------------------------------------------------

    /**
     * Who gives what, when. In every second unit some members do not give (donations are voluntary);
     * everyone else gives once (as long as that leaves a tenth of the donations), and the rest go to
     * random givers as second gifts.
     */
    private List<Gift> plan(Instant opensAt, Map<String, String> unitOf) {
        Random random = new Random(city.scale().seed() ^ 0x0701L);
        List<String> givers = new ArrayList<>();
        for (int u = 0; u < city.units().size(); u++) {
            List<String> members = city.units().get(u).members().values().stream().flatMap(List::stream).toList();
            for (int m = 0; m < members.size(); m++) {
                if (u % 2 == 0 || m % 7 != 3) {
                    givers.add(members.get(m));
                }
            }
        }
        Collections.shuffle(givers, random);
        int donations = city.scale().donations();
        List<String[]> who = new ArrayList<>(); // member, "extra"?
        // at least a tenth are second gifts (the ones that may be reversed), however many members there are
        int covered = Math.min(givers.size(), donations * 9 / 10);
        for (int i = 0; i < donations; i++) {
            who.add(i < covered ? new String[] {givers.get(i), ""}
                    : new String[] {givers.get(random.nextInt(covered)), "extra"});
        }
        Collections.shuffle(who, random);
        List<Gift> gifts = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            String member = who.get(i)[0];
            BigDecimal amount = random.nextInt(10) < 3 ? BigDecimal.valueOf(1 + random.nextInt(99_999), 2)
                    : BigDecimal.valueOf(USUAL_YUAN[random.nextInt(USUAL_YUAN.length)]).setScale(2);
            boolean consent = random.nextInt(20) == 0;
            // day by day through the simulated window, in plan order
            Instant donatedAt = opensAt.plusMillis(SIMULATED_DAYS.toMillis() * i / who.size() + 1);
            String key = campaign + "-" + i;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("campaignId", campaign);
            body.put("memberId", member);
            body.put("amount", amount.toPlainString());
            body.put("channel", CHANNELS.get(random.nextInt(CHANNELS.size())));
            body.put("donatedAt", donatedAt.toString());
            body.put("publicConsent", consent);
            if (random.nextInt(10) == 0) {
                body.put("note", "七一献爱心");
            }
            gifts.add(new Gift(i, key, member, unitOf.get(member), amount, consent, !who.get(i)[1].isEmpty(), body));
        }
        return gifts;
    }

    /**
     * The order of requests: each donation, some sent again a little later with the same key (racing
     * the first answer or after it), and some second gifts reversed a while later.
     */
    private List<Task> tasks(List<Gift> gifts) {
        Random random = new Random(city.scale().seed() ^ 0x1921L);
        // about one donation in fifty is reversed, whatever share of them are second gifts
        long extras = gifts.stream().filter(Gift::extra).count();
        long reverseEvery = Math.max(1, extras * 50 / gifts.size());
        int extra = 0;
        TreeMap<Integer, List<Task>> later = new TreeMap<>();
        List<Task> tasks = new ArrayList<>();
        for (Gift gift : gifts) {
            tasks.add(new Task(Kind.DONATE, gift));
            if (random.nextInt(12) == 0) {
                later.computeIfAbsent(gift.number() + 1 + random.nextInt(30), n -> new ArrayList<>())
                        .add(new Task(Kind.RETRY, gift));
            }
            if (gift.extra() && extra++ % reverseEvery == reverseEvery / 2) {
                later.computeIfAbsent(gift.number() + 40 + random.nextInt(80), n -> new ArrayList<>())
                        .add(new Task(Kind.REVERSE, gift));
            }
            List<Task> due = later.remove(gift.number());
            if (due != null) {
                tasks.addAll(due);
            }
        }
        later.values().forEach(tasks::addAll);
        return tasks;
    }

    // ---- the surge and its faults --------------------------------------------------------------

    private void surge(int donations, List<Task> tasks) {
        Thread faults = new Thread(() -> faults(donations), "scenario-donation-faults");
        faults.start();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long spacing = shortestSurge.toNanos() / tasks.size();
        for (int s = 0; s < SENDERS; s++) {
            senders.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < tasks.size(); ) {
                    sleepUntil(start + i * spacing);
                    // the broker must be back before half is sent and the crash come before the last tenth,
                    // however fast or slow this machine is: both faults then happen under load
                    if (i > tasks.size() / 2) {
                        awaitLatch(brokerBack);
                    }
                    if (i > tasks.size() * 9 / 10) {
                        awaitLatch(killed);
                    }
                    send(tasks.get(i));
                }
            });
        }
        senders.shutdown();
        try {
            assertThat(senders.awaitTermination(3, TimeUnit.HOURS)).as("the surge ended").isTrue();
            faults.join(Duration.ofMinutes(10).toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(faultFailure.get()).as("the faults were injected").isNull();
        assertThat(failures).as("requests of the surge that did not get the answer they should").isEmpty();
        assertThat(reversed).as("donations reversed").hasSize((int) tasks.stream().filter(t -> t.kind() == Kind.REVERSE)
                .count());
        assertThat(acceptedWhileBrokerDown.get()).as("donations accepted (201) while the Kafka broker was down")
                .isPositive();
        assertThat(inFlightAtKill + sentWhileServiceDown.get())
                .as("requests in flight when donation-service was killed or sent before it was back").isPositive();
    }

    private void faults(int donations) {
        try {
            awaitAnswered(donations * 15 / 100);
            Platform.platform("down", "kafka");
            brokerDown.set(true);
            Sleep.of(brokerOutage);
            brokerDown.set(false);
            Platform.platform("up", "kafka");
            brokerBack.countDown();
            awaitAnswered(donations * 60 / 100);
            // kill it with requests on the wire if the pace allows (a paced surge has gaps between them)
            long gap = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (inFlight.get() == 0 && System.nanoTime() < gap) {
                Thread.onSpinWait();
            }
            inFlightAtKill = inFlight.get();
            serviceDown.set(true);
            killed.countDown();
            long kill = System.nanoTime();
            Platform.crashAndRestart("donation-service");
            serviceBackAfterMillis = (System.nanoTime() - kill) / 1_000_000;
            serviceDown.set(false);
        }
        catch (Throwable e) {
            faultFailure.set(e);
        }
        finally {
            brokerBack.countDown();
            killed.countDown();
        }
    }

    private void send(Task task) {
        inFlight.incrementAndGet();
        if (serviceDown.get()) {
            sentWhileServiceDown.incrementAndGet();
        }
        try {
            switch (task.kind()) {
                case DONATE -> donate(task.gift());
                case RETRY -> retry(task.gift());
                case REVERSE -> reverse(task.gift());
            }
        }
        catch (RuntimeException | AssertionError e) {
            failures.add(task.kind() + " " + task.gift().key() + ": " + e);
        }
        finally {
            inFlight.decrementAndGet();
        }
    }

    private Api.Answer post(Gift gift) {
        return bulk.post("/api/donations", gift.body(), Map.of("Idempotency-Key", gift.key()));
    }

    private void donate(Gift gift) {
        CompletableFuture<Recorded> answer = answers.computeIfAbsent(gift.key(), k -> new CompletableFuture<>());
        try {
            Api.Answer created = post(gift).expect(201);
            if (brokerDown.get()) {
                acceptedWhileBrokerDown.incrementAndGet();
            }
            answered.incrementAndGet();
            assertThat((String) created.read("$.amount")).isEqualTo(gift.amount().toPlainString());
            assertThat((String) created.read("$.unitId")).isEqualTo(gift.unitId());
            answer.complete(new Recorded(created.read("$.id"), created.read("$.receiptNumber")));
        }
        catch (RuntimeException | AssertionError e) {
            answer.completeExceptionally(e);
            throw e;
        }
    }

    private void retry(Gift gift) {
        Api.Answer again = post(gift).expect(201);
        replays.add(new String[] {gift.key(), again.read("$.id"), again.read("$.receiptNumber")});
    }

    /** A correction as the unit's clerk would make it; a lost answer is found out by reading the donation. */
    private void reverse(Gift gift) {
        Recorded donation = recorded(gift);
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (true) {
            Api.Answer answer = bulk.post("/api/donations/" + donation.id() + "/reversal",
                    Map.of("reason", "捐款人申请更正：重复缴纳"));
            if (answer.status() == 200) {
                assertThat((String) answer.read("$.status")).isEqualTo("REVERSED");
                reversed.add(gift.key());
                return;
            }
            if (answer.status() == 422 && answer.body().contains("donation.already-reversed")) {
                // an earlier attempt went through but its answer was lost (the service was killed)
                assertThat((String) committee.get("/api/donations/" + donation.id()).expect(200).read("$.status"))
                        .isEqualTo("REVERSED");
                reversalAnswersLost.incrementAndGet();
                reversed.add(gift.key());
                return;
            }
            // 409: still being counted (after a crash the catch-up job finishes it) or being reversed
            assertThat(answer.status()).as("reversal of %s: %s", donation.receipt(), answer.body()).isEqualTo(409);
            assertThat(System.nanoTime()).as("reversal of %s done in time", donation.receipt()).isLessThan(deadline);
            Sleep.of(Duration.ofSeconds(2));
        }
    }

    private Recorded recorded(Gift gift) {
        try {
            return answers.computeIfAbsent(gift.key(), k -> new CompletableFuture<>()).get(10, TimeUnit.MINUTES);
        }
        catch (Exception e) {
            throw new IllegalStateException("donation " + gift.key() + " was not recorded", e);
        }
    }

    private void awaitAnswered(int count) {
        int seen = answered.get();
        long lastProgress = System.nanoTime();
        while (seen < count) {
            // a surge that fails (or stalls) is reported by the senders; the faults are not needed then
            if (!failures.isEmpty() || System.nanoTime() - lastProgress > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("the surge stopped at " + seen + " donations: " + failures);
            }
            Sleep.of(Duration.ofMillis(100));
            if (answered.get() > seen) {
                seen = answered.get();
                lastProgress = System.nanoTime();
            }
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Sleep.of(Duration.ofNanos(wait));
        }
    }

    // ---- what must be true afterwards ----------------------------------------------------------

    /** Totals per unit of what was accepted minus what was reversed, and who gave. */
    private static final class Expected {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        long count;
        long stored;
        long consented;
        final Map<String, BigDecimal> received = new TreeMap<>();
        final Map<String, Long> counts = new TreeMap<>();
        final Map<String, Set<String>> donors = new TreeMap<>();
    }

    private Expected expected(List<Gift> gifts) {
        Expected expected = new Expected();
        for (var unit : city.units()) {
            expected.received.put(unit.id(), BigDecimal.ZERO.setScale(2));
            expected.counts.put(unit.id(), 0L);
            expected.donors.put(unit.id(), new HashSet<>());
        }
        for (Gift gift : gifts) {
            expected.stored++;
            if (reversed.contains(gift.key())) {
                continue;
            }
            expected.total = expected.total.add(gift.amount());
            expected.count++;
            expected.consented += gift.consent() ? 1 : 0;
            expected.received.merge(gift.unitId(), gift.amount(), BigDecimal::add);
            expected.counts.merge(gift.unitId(), 1L, Long::sum);
            expected.donors.get(gift.unitId()).add(gift.memberId());
        }
        return expected;
    }

    /** Each key is one donation with one receipt, whatever the retries; no receipt was issued twice. */
    private void everyKeyOnceWithOneReceipt(List<Gift> gifts) {
        Map<String, Recorded> first = new HashMap<>();
        gifts.forEach(g -> first.put(g.key(), recorded(g)));
        for (String[] replay : replays) {
            assertThat(new Recorded(replay[1], replay[2])).as("the retry of %s", replay[0]).isEqualTo(first.get(replay[0]));
        }
        assertThat(first.values().stream().map(Recorded::receipt).distinct().count()).as("distinct receipts")
                .isEqualTo(gifts.size());
        Api.Answer stored = committee.get("/api/donations?campaignId=" + campaign + "&size=1").expect(200);
        assertThat(((Number) stored.read("$.totalElements")).longValue()).as("donations stored for the campaign")
                .isEqualTo(gifts.size());
    }

    /** The window ends: no new donation, but a lost answer can still be fetched again with its key. */
    private void close(List<Gift> gifts) {
        committee.post("/api/donation-campaigns/" + campaign + "/close", null).expect(200);
        assertThat((String) committee.get("/api/donation-campaigns/" + campaign).expect(200).read("$.status"))
                .isEqualTo("CLOSED");
        Gift late = gifts.get(0);
        Map<String, Object> body = new LinkedHashMap<>(late.body());
        body.remove("donatedAt");
        Api.Answer refused = committee.post("/api/donations", body, Map.of("Idempotency-Key", campaign + "-late"))
                .expect(422);
        assertThat(refused.body()).contains("donation.campaign-not-open");
        Gift retried = gifts.get(gifts.size() / 2);
        Api.Answer replay = committee.post("/api/donations", retried.body(),
                Map.of("Idempotency-Key", retried.key())).expect(201);
        assertThat(new Recorded(replay.read("$.id"), replay.read("$.receiptNumber")))
                .as("a retry after the campaign closed").isEqualTo(recorded(retried));
    }

    private void progressIsExact(Expected expected) {
        // after the crash the catch-up job counts what was interrupted (after 30 s, every 10 s)
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Api.Answer progress = progress();
            assertThat(((Number) progress.read("$.pendingDonations")).longValue()).as("pending").isZero();
            assertThat(((Number) progress.read("$.count")).longValue()).as("count").isEqualTo(expected.count);
            assertThat(money(progress.read("$.total"))).as("total").isEqualByComparingTo(expected.total);
        });
        Map<String, Map<String, Object>> units = units(progress());
        expected.received.forEach((unit, total) -> {
            Map<String, Object> u = units.get(unit);
            assertThat(money((String) u.get("total"))).as("total of %s", unit).isEqualByComparingTo(total);
            assertThat(((Number) u.get("count")).longValue()).as("count of %s", unit)
                    .isEqualTo(expected.counts.get(unit));
            assertThat(((Number) u.get("donors")).longValue()).as("donors of %s", unit)
                    .isEqualTo(expected.donors.get(unit).size());
        });
    }

    /** Units where everyone gave completed by themselves; the committee declares the others finished. */
    private void unitsComplete(Expected expected) {
        Map<String, Map<String, Object>> units = units(progress());
        for (var unit : city.units()) {
            // the unit's current members as donation-service counts them (all its branches)
            long members = ((Number) units.get(unit.id()).get("members")).longValue();
            boolean everyone = expected.donors.get(unit.id()).size() == members;
            if (everyone) {
                Map<String, Object> column = units.get(unit.id());
                assertThat(column).as("unit %s where every member gave", unit.id())
                        .containsEntry("completion", "FULL_PARTICIPATION").containsEntry("completedBy", "system");
                assertThat(new BigDecimal(column.get("participationRate").toString())).isEqualByComparingTo(BigDecimal.ONE);
            }
            else {
                assertThat(units.get(unit.id()).get("completedAt")).as("unit %s not complete yet", unit.id()).isNull();
                Api.Answer completion = committee.post("/api/donation-campaigns/" + campaign + "/units/" + unit.id()
                        + "/completion", Map.of("note", "本单位捐款工作已结束")).expect(200);
                assertThat((Boolean) completion.read("$.completedNow")).isTrue();
                assertThat((String) completion.read("$.completion")).isEqualTo("DECLARED");
            }
        }
        Map<String, Map<String, Object>> completed = units(progress());
        for (var unit : city.units()) {
            assertThat(completed.get(unit.id()).get("completedAt")).as("completion of %s", unit.id()).isNotNull();
        }
    }

    private void reconciled(Expected expected, int handOvers, int disbursements) {
        Api.Answer report = committee.post("/api/donation-campaigns/" + campaign + "/reconciliation", null).expect(200);
        assertThat((Boolean) report.read("$.consistent")).as(report.body()).isTrue();
        assertThat(((Number) report.read("$.donations")).longValue()).as("donations counted").isEqualTo(expected.stored);
        assertThat(((Number) report.read("$.reversals")).longValue()).as("reversals").isEqualTo(reversed.size());
        assertThat(((Number) report.read("$.pendingDonations")).longValue()).as("pending").isZero();
        assertThat(((Number) report.read("$.handOvers")).intValue()).isEqualTo(handOvers);
        assertThat(((Number) report.read("$.disbursements")).intValue()).isEqualTo(disbursements);
    }

    /** Every unit hands all it holds to the organisation department (every second unit in two parts). */
    private List<String> handOver(Expected expected, List<Gift> gifts) {
        List<String> ids = new ArrayList<>();
        int n = 0;
        for (var entry : expected.received.entrySet()) {
            BigDecimal held = entry.getValue();
            List<BigDecimal> parts = n++ % 2 == 1 && held.compareTo(new BigDecimal("0.02")) >= 0
                    ? List.of(held.multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.DOWN),
                            held.subtract(held.multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.DOWN)))
                    : held.signum() > 0 ? List.of(held) : List.of();
            for (int p = 0; p < parts.size(); p++) {
                Api.Answer handedOver = committee.post("/api/donation-campaigns/" + campaign + "/hand-overs", Map.of(
                        "unitId", entry.getKey(), "recipient", RECIPIENT, "amount", parts.get(p).toPlainString(),
                        "documentReference", "七一捐款移交单 " + entry.getKey() + "-" + (p + 1))).expect(201);
                ids.add(handedOver.read("$.id"));
            }
        }
        String unit = city.units().get(0).id();
        Api.Answer tooMuch = committee.post("/api/donation-campaigns/" + campaign + "/hand-overs", Map.of("unitId", unit,
                "recipient", RECIPIENT, "amount", "0.01", "documentReference", "七一捐款移交单 多余")).expect(422);
        assertThat(tooMuch.body()).contains("ledger.hand-over-exceeds-held");
        Gift kept = gifts.stream().filter(g -> !reversed.contains(g.key())).findFirst().orElseThrow();
        Api.Answer late = committee.post("/api/donations/" + recorded(kept).id() + "/reversal",
                Map.of("reason", "移交之后不能退回")).expect(422);
        assertThat(late.body()).contains("ledger.reversal-exceeds-held");
        return ids;
    }

    /** The department disburses everything it was handed, in shares, to the beneficiary groups. */
    private List<String> disburse(BigDecimal total) {
        List<String> ids = new ArrayList<>();
        BigDecimal left = total;
        int n = 0;
        for (var share : SHARES.entrySet()) {
            BigDecimal amount = ++n == SHARES.size() ? left
                    : total.multiply(BigDecimal.valueOf(share.getValue(), 2)).setScale(2, RoundingMode.DOWN);
            if (amount.signum() == 0) {
                continue;
            }
            left = left.subtract(amount);
            Api.Answer disbursed = committee.post("/api/donation-campaigns/" + campaign + "/disbursements", Map.of(
                    "beneficiaryGroup", share.getKey(), "amount", amount.toPlainString(),
                    "documents", List.of("七一捐款拨付决定 " + campaign + "-" + n, "受助人员名单 " + n),
                    "description", "七一慰问")).expect(201);
            ids.add(disbursed.read("$.id"));
        }
        assertThat(left).isEqualByComparingTo(BigDecimal.ZERO);
        Api.Answer tooMuch = committee.post("/api/donation-campaigns/" + campaign + "/disbursements", Map.of(
                "beneficiaryGroup", "volunteers", "amount", "0.01", "documents", List.of("多余"))).expect(422);
        assertThat(tooMuch.body()).contains("ledger.disbursement-exceeds-handed-over");
        return ids;
    }

    /** The public ledger, read without logging in, balances to the 分 and shows each unit's column. */
    private void publicLedgerBalances(Expected expected, int handOvers, int disbursements) {
        Api.Answer ledger = anonymous.get("/api/donation-campaigns/" + campaign + "/ledger").expect(200);
        BigDecimal total = expected.total;
        assertThat(money(ledger.read("$.total"))).isEqualByComparingTo(total);
        assertThat(((Number) ledger.read("$.count")).longValue()).isEqualTo(expected.count);
        assertThat(money(ledger.read("$.balance.received"))).as("received").isEqualByComparingTo(total);
        assertThat(money(ledger.read("$.balance.handedOver"))).as("handed over").isEqualByComparingTo(total);
        assertThat(money(ledger.read("$.balance.heldByUnits"))).as("held by units").isEqualByComparingTo("0");
        assertThat(money(ledger.read("$.balance.disbursed"))).as("disbursed").isEqualByComparingTo(total);
        assertThat(money(ledger.read("$.balance.availableForDisbursement"))).as("available").isEqualByComparingTo("0");
        List<String> handedOver = ledger.read("$.handOvers[*].amount");
        assertThat(handedOver).hasSize(handOvers);
        assertThat(handedOver.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(total);
        List<String> disbursed = ledger.read("$.disbursements[*].amount");
        assertThat(disbursed).hasSize(disbursements);
        assertThat(disbursed.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(total);
        List<Map<String, Object>> income = ledger.read("$.income");
        Map<String, Map<String, Object>> byUnit = income.stream()
                .collect(Collectors.toMap(u -> (String) u.get("unitId"), u -> u));
        expected.received.forEach((unit, received) -> {
            if (received.signum() == 0 && !byUnit.containsKey(unit)) {
                return;
            }
            Map<String, Object> column = byUnit.get(unit);
            assertThat(column).as("the public ledger's column of %s", unit).isNotNull();
            assertThat(money((String) column.get("total"))).as("income of %s", unit).isEqualByComparingTo(received);
            assertThat(money((String) column.get("handedOver"))).as("handed over by %s", unit)
                    .isEqualByComparingTo(received);
            assertThat(money((String) column.get("held"))).as("held by %s", unit).isEqualByComparingTo("0");
            assertThat(((Number) column.get("count")).longValue()).isEqualTo(expected.counts.get(unit));
            assertThat(((Number) column.get("donors")).longValue()).isEqualTo(expected.donors.get(unit).size());
        });
        List<Object> named = ledger.read("$.donationsWithConsent");
        // the ledger lists at most 5,000 consenting donors
        assertThat(named).as("donations published with the donors' consent")
                .hasSize((int) Math.min(expected.consented, 5000));
        assertThat(ledger.body()).as("member ids are never published")
                .doesNotContain(city.units().get(0).members().values().iterator().next().get(0));
    }

    /** Everything that happened reached Kafka, each fact as exactly one event, broker outage and crash or not. */
    private PublishedDonationEvents eventsArrived(PublishedDonationEvents events, Expected expected,
            List<String> handOvers, List<String> disbursements) {
        Set<String> donationIds = answers.values().stream().map(CompletableFuture::join).map(Recorded::id)
                .collect(Collectors.toSet());
        Set<String> reversedIds = answers.entrySet().stream().filter(e -> reversed.contains(e.getKey()))
                .map(e -> e.getValue().join().id()).collect(Collectors.toSet());
        Set<String> unitIds = city.units().stream().map(ScenarioCity.Unit::id).collect(Collectors.toSet());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            events.read(campaign);
            assertThat(events.of("party.donation.recorded.v1").keySet()).as("donations recorded on Kafka")
                    .isEqualTo(donationIds);
            assertThat(events.of("party.donation.reversed.v1").keySet()).as("reversals on Kafka").isEqualTo(reversedIds);
            assertThat(events.of("party.donation.unit-completed.v1").keySet()).as("units completed on Kafka")
                    .isEqualTo(unitIds);
            assertThat(events.of("party.donation.funds-handed-over.v1").keySet()).as("hand-overs on Kafka")
                    .containsExactlyInAnyOrderElementsOf(handOvers);
            assertThat(events.of("party.donation.disbursed.v1").keySet()).as("disbursements on Kafka")
                    .containsExactlyInAnyOrderElementsOf(disbursements);
        });
        for (String type : List.of("party.donation.recorded.v1", "party.donation.reversed.v1",
                "party.donation.unit-completed.v1", "party.donation.funds-handed-over.v1", "party.donation.disbursed.v1")) {
            events.of(type).forEach((fact, ids) -> assertThat(ids).as("distinct %s events of %s", type, fact).hasSize(1));
        }
        assertThat(expected.stored).isEqualTo(donationIds.size());
        return events;
    }

    // ---- reading -------------------------------------------------------------------------------

    private Api.Answer progress() {
        return committee.get("/api/donation-campaigns/" + campaign + "/progress").expect(200);
    }

    private static Map<String, Map<String, Object>> units(Api.Answer progress) {
        List<Map<String, Object>> units = progress.read("$.units");
        return units.stream().collect(Collectors.toMap(u -> (String) u.get("unitId"), u -> u));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    private static Map<String, Integer> shares() {
        Map<String, Integer> shares = new LinkedHashMap<>();
        shares.put("medical-workers", 40);
        shares.put("community-workers", 25);
        shares.put("volunteers", 20);
        shares.put("families-of-the-fallen", 15);
        return shares;
    }
}
