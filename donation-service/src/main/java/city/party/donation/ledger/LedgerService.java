package city.party.donation.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import city.party.donation.directory.Directory;
import city.party.donation.donation.Donation;
import city.party.donation.donation.DonationEvents;
import city.party.platform.events.EventJson;
import city.party.platform.events.OutboxMarkers;
import city.party.platform.events.PendingEvent;
import city.party.platform.money.Money;
import city.party.platform.web.ProblemException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Moves money in a campaign's {@link CampaignLedger} — each movement one conditional atomic update —
 * and keeps the progress tally exact.
 *
 * <p>Applying a donation (or its reversal) to the tally touches two documents, the ledger and the
 * donation, and there are no multi-document transactions. So: (A) one update on the ledger increments
 * the totals AND records an intent keyed by the donation, on condition that no intent with that key
 * is present; (B) the donation is marked as applied; (C) the intent is removed. A repeat of (A) while
 * the intent is present matches nothing, so nothing is counted twice; after a crash between (A) and
 * (C) the intent tells the catch-up job that (A) happened and only (B)/(C) remain; a donation not
 * marked and without an intent was never counted and is applied by the catch-up job. The live path
 * applies only donations recorded moments ago and the catch-up job only those older than
 * {@code donation.progress.catch-up-after}, so the two never race on the same donation.
 *
 * <p>Between (A) and (B) the member is added to their unit's donor set ({@link UnitDonors}), so that
 * a unit is declared complete the moment its last member gives, without counting donors afresh.
 */
@Service
public class LedgerService {

    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

    static final String DONORS = "donors";
    static final String LEDGERS = "campaign_ledgers";

    private final ReactiveMongoTemplate mongo;
    private final Directory directory;
    private final Clock clock;
    private final OutboxMarkers markers;
    private final Duration catchUpAfter;
    private final UnitDonors unitDonors;
    private final city.party.donation.config.ShortCache<String, Map<String, Long>> memberCounts;

    public LedgerService(ReactiveMongoTemplate mongo, Directory directory, Clock clock,
            OutboxMarkers markers, UnitDonors unitDonors,
            @Value("${donation.progress.catch-up-after:30s}") Duration catchUpAfter,
            @Value("${donation.cache.member-counts-ttl:10s}") Duration memberCountsTtl) {
        this.mongo = mongo;
        this.directory = directory;
        this.clock = clock;
        this.markers = markers;
        this.unitDonors = unitDonors;
        this.catchUpAfter = catchUpAfter;
        // Only a first look: a unit is declared complete after a fresh count (see completeIfEveryoneGave).
        this.memberCounts = new city.party.donation.config.ShortCache<>(memberCountsTtl, 1_000, clock);
    }

    public Mono<CampaignLedger> ledger(String campaignId) {
        return mongo.findById(campaignId, CampaignLedger.class);
    }

    public Mono<Void> open(String campaignId) {
        return mongo.insert(CampaignLedger.open(campaignId)).then();
    }

    // ---- donations and reversals ---------------------------------------------------------------

    /**
     * The live path right after a donation was stored. Leaves anything older than half the catch-up
     * delay to the catch-up job (which then owns it), and never fails the request: the tally catches
     * up within {@code catch-up-after} whatever happens here.
     */
    public Mono<Void> applyNow(Donation donation, String participatingPath) {
        if (Duration.between(donation.getRecordedAt(), Instant.now(clock)).compareTo(catchUpAfter.dividedBy(2)) > 0) {
            return Mono.empty();
        }
        return apply(donation, participatingPath).onErrorResume(e -> {
            log.warn("progress of donation {} left to the catch-up job: {}", donation.getId(), e.toString());
            return Mono.empty();
        });
    }

    Mono<Void> apply(Donation donation, String participatingPath) {
        String key = "d:" + donation.getId();
        long amount = donation.getAmountFen();
        String unit = "units." + donation.getUnitId();
        Query notYet = query(where("_id").is(donation.getCampaignId()).and("inflight.key").ne(key));
        Update count = new Update().inc("receivedFen", amount).inc("count", 1).inc(unit + ".receivedFen", amount)
                .inc(unit + ".count", 1).inc(unit + ".heldFen", amount)
                .push("inflight", new CampaignLedger.Intent(key, "DONATION", donation.getId(), null, null,
                        Instant.now(clock)));
        return mongo.updateFirst(notYet, count, CampaignLedger.class).flatMap(result -> result.getModifiedCount() > 0
                ? Mono.just(true)
                : mongo.exists(query(where("_id").is(donation.getCampaignId()).and("inflight.key").is(key)),
                        CampaignLedger.class).flatMap(present -> present ? Mono.just(false)
                                : Mono.error(new IllegalStateException("no ledger for campaign "
                                        + donation.getCampaignId()))))
                .then(finishDonation(donation, key, participatingPath, false));
    }

    private Mono<Void> finishDonation(Donation donation, String key, String participatingPath, boolean replay) {
        // The unit's donor set is updated while the intent is still there: a crash before the end
        // leaves the intent, and the catch-up replays this (every step is idempotent). A replay always
        // offers the member to the set — a second gift may have come in meanwhile and seen itself as
        // not the first.
        // A member counts for the unit of their first donation (the donor document keeps it).
        return addDonor(donation).flatMap(donor -> (activeIds(donor).size() == 1 || replay
                ? unitDonors.add(donation.getCampaignId(), donor.getString("unitId"), donation.getMemberId())
                : Mono.<Long>empty())
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                // By id alone (setting the flag twice is harmless): an id-only filter is served by the id
                // index everywhere, also by the emulator, which scans the collection for any compound filter.
                .flatMap(donors -> mongo.updateFirst(query(where("_id").is(donation.getId())),
                        new Update().set("progressApplied", true), Donation.class)
                        .then(pullIntent(donation.getCampaignId(), key))
                        .then(donors.isPresent() && participatingPath != null
                                ? completeIfEveryoneGave(donation.getCampaignId(), donor.getString("unitId"),
                                        donors.get(), participatingPath)
                                : Mono.empty())));
    }

    /** The member's donor document with this donation among their effective ones. */
    private Mono<Document> addDonor(Donation donation) {
        Query donor = query(where("_id").is(donation.getCampaignId() + "|" + donation.getMemberId()));
        Update add = new Update().setOnInsert("campaignId", donation.getCampaignId())
                .setOnInsert("memberId", donation.getMemberId()).setOnInsert("unitId", donation.getUnitId())
                .setOnInsert("organizationId", donation.getOrganizationId())
                .addToSet("activeIds", donation.getId());
        return mongo.findAndModify(donor, add, FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, DONORS);
    }

    private Mono<Void> removeDonor(Donation donation) {
        Query donor = query(where("_id").is(donation.getCampaignId() + "|" + donation.getMemberId()));
        return mongo.findAndModify(donor, new Update().pull("activeIds", donation.getId()),
                FindAndModifyOptions.options().returnNew(true), Document.class, DONORS)
                .filter(doc -> activeIds(doc).isEmpty())
                .flatMap(noLongerGives -> unitDonors.remove(donation.getCampaignId(), noLongerGives.getString("unitId"),
                        donation.getMemberId())
                        // a gift recorded while this was being taken back counts them again
                        .then(mongo.findOne(donor, Document.class, DONORS))
                        .filter(doc -> !activeIds(doc).isEmpty())
                        .flatMap(givesAgain -> unitDonors.add(donation.getCampaignId(), givesAgain.getString("unitId"),
                                donation.getMemberId())))
                .then();
    }

    private static List<?> activeIds(Document donor) {
        List<?> ids = donor.getList("activeIds", Object.class);
        return ids == null ? List.of() : ids;
    }

    private Mono<Void> pullIntent(String campaignId, String key) {
        return mongo.updateFirst(query(where("_id").is(campaignId)),
                new Update().pull("inflight", new Document("key", key)), CampaignLedger.class).then();
    }

    /**
     * A reversing entry: first the tally gives the amount back (only if the unit still holds it), with
     * the reversal's reason kept in the intent; then the donation records its reversal and event.
     */
    public Mono<Donation> reverse(Donation donation, String reason, String by) {
        if (donation.isReversed()) {
            donation.reverse(reason, by, Instant.now(clock), clock); // throws: reversed at most once
        }
        if (!donation.isProgressApplied()) {
            return Mono.error(ProblemException.conflict("problem.donation.not-yet-counted",
                    "Donation {0} is still being counted; try again in a minute.", donation.getReceiptNumber()));
        }
        String key = "r:" + donation.getId();
        long amount = donation.getAmountFen();
        String unit = "units." + donation.getUnitId();
        Instant now = Instant.now(clock);
        Query allowed = query(where("_id").is(donation.getCampaignId()).and("inflight.key").ne(key)
                .and(unit + ".heldFen").gte(amount));
        Update giveBack = new Update().inc("receivedFen", -amount).inc("count", -1)
                .inc(unit + ".receivedFen", -amount).inc(unit + ".count", -1).inc(unit + ".heldFen", -amount)
                .push("inflight", new CampaignLedger.Intent(key, "REVERSAL", donation.getId(), reason, by, now));
        return mongo.updateFirst(allowed, giveBack, CampaignLedger.class).flatMap(result -> {
            if (result.getModifiedCount() > 0) {
                return finishReversal(donation.getId(), key, reason, by, now);
            }
            return ledger(donation.getCampaignId()).flatMap(ledger -> {
                if (ledger.getInflight().stream().anyMatch(i -> i.key().equals(key))) {
                    return Mono.error(ProblemException.conflict("problem.donation.reversal-in-progress",
                            "Donation {0} is being reversed already.", donation.getReceiptNumber()));
                }
                CampaignLedger.UnitTally tally = ledger.getUnits().get(donation.getUnitId());
                return Mono.error(LedgerTally.reversalExceedsHeld(donation.getUnitId(),
                        tally == null ? 0 : tally.held()));
            });
        });
    }

    private Mono<Donation> finishReversal(String donationId, String key, String reason, String by, Instant at) {
        return mongo.findById(donationId, Donation.class).flatMap(current -> {
            Mono<Donation> reversed = current.isReversed() ? Mono.just(current) : Mono.defer(() -> {
                current.reverse(reason, by, at, clock);
                return mongo.save(current);
            });
            return reversed.flatMap(saved -> removeDonor(saved).then(pullIntent(saved.getCampaignId(), key))
                    .thenReturn(saved));
        });
    }

    // ---- hand-overs, disbursements, completion -------------------------------------------------

    /**
     * Unit ids become part of field paths ({@code units.<id>.heldFen}): only the organisation-id
     * alphabet of member-service's schema is accepted, so no id can address another field.
     */
    static void requireUnitId(String unitId) {
        if (unitId == null || !unitId.matches("[a-z0-9][a-z0-9-]{0,99}")) {
            throw new ProblemException(city.party.platform.web.ProblemType.VALIDATION_FAILED,
                    "problem.ledger.unit-id", "unitId must be an organisation id like unit-a.")
                    .with("errors", List.of(Map.of("field", "unitId", "message", "an organisation id like unit-a")));
        }
    }

    /** A hand-over or disbursement and whether an earlier request with the same Idempotency-Key made it. */
    public record Entry<T>(T entry, boolean replayed) {
    }

    /**
     * Moves money from a unit to a recipient. With an {@code idempotencyKey} the entry's id is derived
     * from it and the update matches only while no entry has that id, so a retry moves nothing twice:
     * it answers with the entry of the first request (or 422 if the key came with another request).
     */
    public Mono<Entry<CampaignLedger.HandOver>> handOver(String campaignId, String unitId, String recipient,
            long amountFen, String documentReference, String note, String by, String idempotencyKey) {
        requireUnitId(unitId);
        LedgerTally.requireMinimum(amountFen);
        Instant now = Instant.now(clock);
        String hash = idempotencyKey == null ? null : Donation.hash(String.join("\n", "hand-over", campaignId, unitId,
                recipient, Long.toString(amountFen), String.valueOf(documentReference), String.valueOf(note), by));
        CampaignLedger.HandOver entry = new CampaignLedger.HandOver(entryId("hand-over", campaignId, idempotencyKey),
                unitId, recipient, amountFen, documentReference, note, now, by, hash);
        String unit = "units." + unitId;
        Query holds = query(firstTime(where("_id").is(campaignId).and(unit + ".heldFen").gte(amountFen),
                "handOvers", entry.id(), idempotencyKey));
        Update move = new Update().inc(unit + ".heldFen", -amountFen).inc(unit + ".handedOverFen", amountFen)
                .inc("handedOverFen", amountFen).inc("availableFen", amountFen).push("handOvers", entry);
        announce(move, campaignId, DonationEvents.FUNDS_HANDED_OVER, new DonationEvents.FundsHandedOver(campaignId,
                entry.id(), unitId, recipient, Money.format(amountFen), documentReference, now.toString(), by), now);
        return mongo.updateFirst(holds, move, CampaignLedger.class).flatMap(result -> result.getModifiedCount() > 0
                ? announced(campaignId).thenReturn(new Entry<>(entry, false))
                : ledger(campaignId).switchIfEmpty(Mono.error(ProblemException.notFound("campaign", campaignId)))
                        .flatMap(ledger -> {
                            var earlier = ledger.getHandOvers().stream().filter(h -> h.id().equals(entry.id()))
                                    .findFirst();
                            if (idempotencyKey != null && earlier.isPresent()) {
                                return replay(earlier.get(), earlier.get().requestHash(), hash);
                            }
                            CampaignLedger.UnitTally tally = ledger.getUnits().get(unitId);
                            return Mono.error(LedgerTally.handOverExceedsHeld(unitId, tally == null ? 0 : tally.held()));
                        }));
    }

    /** Spends handed-over money on a beneficiary group; idempotent with a key, as {@link #handOver}. */
    public Mono<Entry<CampaignLedger.Disbursement>> disburse(String campaignId, String beneficiaryGroup,
            long amountFen, List<String> documents, String description, String by, String idempotencyKey) {
        LedgerTally.requireMinimum(amountFen);
        Instant now = Instant.now(clock);
        String hash = idempotencyKey == null ? null : Donation.hash(String.join("\n", "disbursement", campaignId,
                beneficiaryGroup, Long.toString(amountFen), String.join("\u0000", documents),
                String.valueOf(description), by));
        CampaignLedger.Disbursement entry = new CampaignLedger.Disbursement(
                entryId("disbursement", campaignId, idempotencyKey), beneficiaryGroup, amountFen, List.copyOf(documents),
                description, now, by, hash);
        Query covered = query(firstTime(where("_id").is(campaignId).and("availableFen").gte(amountFen),
                "disbursements", entry.id(), idempotencyKey));
        Update spend = new Update().inc("availableFen", -amountFen).inc("disbursedFen", amountFen)
                .push("disbursements", entry);
        announce(spend, campaignId, DonationEvents.DISBURSED, new DonationEvents.Disbursed(campaignId, entry.id(),
                beneficiaryGroup, Money.format(amountFen), entry.documents(), now.toString(), by), now);
        return mongo.updateFirst(covered, spend, CampaignLedger.class).flatMap(result -> result.getModifiedCount() > 0
                ? announced(campaignId).thenReturn(new Entry<>(entry, false))
                : ledger(campaignId).switchIfEmpty(Mono.error(ProblemException.notFound("campaign", campaignId)))
                        .flatMap(ledger -> {
                            var earlier = ledger.getDisbursements().stream().filter(d -> d.id().equals(entry.id()))
                                    .findFirst();
                            if (idempotencyKey != null && earlier.isPresent()) {
                                return replay(earlier.get(), earlier.get().requestHash(), hash);
                            }
                            return Mono.error(LedgerTally.disbursementExceedsAvailable(ledger.available()));
                        }));
    }

    private static String entryId(String kind, String campaignId, String idempotencyKey) {
        return idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((kind + ":" + campaignId + ":" + idempotencyKey)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static org.springframework.data.mongodb.core.query.Criteria firstTime(
            org.springframework.data.mongodb.core.query.Criteria criteria, String entries, String entryId,
            String idempotencyKey) {
        return idempotencyKey == null ? criteria : criteria.and(entries + ".id").ne(entryId);
    }

    private static <T> Mono<Entry<T>> replay(T earlier, String earlierHash, String hash) {
        if (!hash.equals(earlierHash)) {
            return Mono.error(ProblemException.ruleViolation("ledger.idempotency-key-reused",
                    "an Idempotency-Key stands for one request", "problem.donation.idempotency-key-reused",
                    "This Idempotency-Key was already used for a different request."));
        }
        return Mono.just(new Entry<>(earlier, true));
    }

    /** Marks a unit completed once; true if this call did it. */
    public Mono<Boolean> complete(String campaignId, String unitId, String reason, String by) {
        requireUnitId(unitId);
        Instant now = Instant.now(clock);
        String unit = "units." + unitId;
        Update done = new Update().set(unit + ".completedAt", now).set(unit + ".completedBy", by)
                .set(unit + ".completion", reason);
        announce(done, campaignId, DonationEvents.UNIT_COMPLETED, new DonationEvents.UnitCompleted(campaignId, unitId,
                now.toString(), reason, by), now);
        return mongo.updateFirst(query(where("_id").is(campaignId).and(unit + ".completedAt").is(null)), done,
                CampaignLedger.class).flatMap(result -> result.getModifiedCount() > 0
                        ? announced(campaignId).thenReturn(true) : Mono.just(false));
    }

    /**
     * Declares the unit complete when its donors reach its current members. The member count comes
     * from a short cache first (counting members reads the whole register); only when that says
     * "everyone" is it counted afresh, so a member who joined a moment ago is never overlooked.
     */
    private Mono<Void> completeIfEveryoneGave(String campaignId, String unitId, long donors, String participatingPath) {
        return memberCounts.get(participatingPath, directory::memberCountsByUnit)
                // a unit the cached count does not know yet is counted afresh too
                .filter(cached -> cached.getOrDefault(unitId, 0L) == 0 || everyoneGave(donors, cached.get(unitId)))
                .flatMap(cached -> directory.memberCountsByUnit(participatingPath))
                .filter(fresh -> everyoneGave(donors, fresh.getOrDefault(unitId, 0L)))
                .flatMap(fresh -> complete(campaignId, unitId, "FULL_PARTICIPATION", "system"))
                .then();
    }

    private static boolean everyoneGave(long donors, long members) {
        return members > 0 && donors >= members;
    }

    /** Members with at least one effective (not reversed) donation, per unit and per organisation. */
    public record DonorCounts(Map<String, Long> byUnit, Map<String, Long> byOrganization) {
    }

    public Mono<DonorCounts> donorCounts(String campaignId) {
        Query donors = query(where("campaignId").is(campaignId));
        donors.fields().include("unitId").include("organizationId").include("activeIds");
        return mongo.find(donors, Document.class, DONORS).collectList().map(docs -> {
            Map<String, Long> byUnit = new HashMap<>();
            Map<String, Long> byOrganization = new HashMap<>();
            for (Document doc : docs) {
                List<?> ids = doc.getList("activeIds", Object.class);
                if (ids != null && !ids.isEmpty()) {
                    byUnit.merge(doc.getString("unitId"), 1L, Long::sum);
                    if (doc.getString("organizationId") != null) {
                        byOrganization.merge(doc.getString("organizationId"), 1L, Long::sum);
                    }
                }
            }
            return new DonorCounts(byUnit, byOrganization);
        });
    }

    public Mono<Map<String, Long>> donorsByUnit(String campaignId) {
        return donorCounts(campaignId).map(DonorCounts::byUnit);
    }

    private void announce(Update update, String campaignId, String type, Object payload, Instant now) {
        update.push("outbox", new PendingEvent(UUID.randomUUID().toString(), DonationEvents.TOPIC, type, campaignId,
                now, EventJson.write(payload)));
    }

    /** The ledger's own updates append events without a save, so they mark the outbox themselves. */
    private Mono<Void> announced(String campaignId) {
        return Mono.fromRunnable(() -> markers.pending(LEDGERS, campaignId));
    }

    // ---- catch-up ------------------------------------------------------------------------------

    /**
     * Finishes what a crash interrupted: intents older than the catch-up delay are completed, and
     * donations older than it that were never counted are counted. Returns how many it handled.
     */
    public Mono<Long> catchUp(java.util.function.Function<String, Mono<String>> participatingPathOf) {
        Instant cutoff = Instant.now(clock).minus(catchUpAfter);
        Flux<Long> intents = mongo.find(query(where("inflight.at").lt(cutoff)), CampaignLedger.class)
                .concatMap(ledger -> Flux.fromIterable(ledger.getInflight()).filter(i -> i.at().isBefore(cutoff))
                        .concatMap(intent -> finishIntent(ledger.getId(), intent, participatingPathOf).thenReturn(1L)));
        Flux<Long> uncounted = mongo.find(query(where("progressApplied").is(false).and("recordedAt").lt(cutoff))
                .limit(1000), Donation.class)
                .concatMap(donation -> participatingPathOf.apply(donation.getCampaignId()).defaultIfEmpty("")
                        .flatMap(path -> apply(donation, path.isEmpty() ? null : path)).thenReturn(1L));
        return intents.concatWith(uncounted).reduce(0L, Long::sum);
    }

    private Mono<Void> finishIntent(String campaignId, CampaignLedger.Intent intent,
            java.util.function.Function<String, Mono<String>> participatingPathOf) {
        Mono<Donation> donation = mongo.findById(intent.donationId(), Donation.class);
        if ("REVERSAL".equals(intent.kind())) {
            return donation.flatMap(d -> finishReversal(d.getId(), intent.key(), intent.reason(), intent.by(),
                    intent.at())).then(pullIntent(campaignId, intent.key()));
        }
        return donation.flatMap(d -> participatingPathOf.apply(campaignId).defaultIfEmpty("")
                .flatMap(path -> finishDonation(d, intent.key(), path.isEmpty() ? null : path, true)))
                .then(pullIntent(campaignId, intent.key()));
    }
}
