package city.party.donation.donation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import city.party.donation.campaign.Campaign;
import city.party.donation.directory.Directory;
import city.party.donation.ledger.LedgerService;
import city.party.platform.money.Money;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Recording donations (idempotently), reading them within the caller's scope, reversing them.
 * Voluntary means voluntary: nothing here knows of quotas, pay or dues.
 */
@Service
public class DonationService {

    /** What a client asks to record. */
    public record Request(String campaignId, String memberId, String amount, String channel, Instant donatedAt,
            Boolean publicConsent, String note) {
    }

    /** The donation and whether it was recorded by this request or an earlier one with the same key. */
    public record Outcome(Donation donation, boolean replayed) {
    }

    public record Page(List<Donation> content, long totalElements) {
    }

    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private final ReactiveMongoTemplate mongo;
    private final io.micrometer.core.instrument.Counter recorded;
    private final io.micrometer.core.instrument.Counter recordedYuan;
    private final Directory directory;
    private final LedgerService ledgers;
    private final city.party.donation.campaign.CampaignService campaigns;
    private final Clock clock;

    public DonationService(ReactiveMongoTemplate mongo, Directory directory, LedgerService ledgers,
            city.party.donation.campaign.CampaignService campaigns, Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        // Business counters for the operators' dashboard: donations and money recorded (not replays).
        this.recorded = io.micrometer.core.instrument.Counter.builder("donation.recorded")
                .description("donations recorded (idempotent replays not counted)").register(meters);
        this.recordedYuan = io.micrometer.core.instrument.Counter.builder("donation.recorded.amount")
                .baseUnit("yuan").description("money recorded as donations").register(meters);
        this.mongo = mongo;
        this.directory = directory;
        this.ledgers = ledgers;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public Mono<Outcome> record(String idempotencyKey, Request request, CallerScope caller) {
        return Mono.defer(() -> {
            long amountFen = Money.parseFen("amount", request.amount());
            if (amountFen < 1) {
                throw invalid("amount", "problem.donation.amount-minimum", "A donation is at least 0.01.");
            }
            Channel channel = channel(request.channel());
            String hash = Donation.hash(String.join("\n", request.campaignId(), request.memberId(),
                    Long.toString(amountFen), channel.name(), String.valueOf(request.donatedAt()),
                    String.valueOf(Boolean.TRUE.equals(request.publicConsent())), String.valueOf(request.note())));
            return mongo.findById(Donation.idFor(idempotencyKey), Donation.class)
                    .map(existing -> replay(existing, hash, caller))
                    .switchIfEmpty(Mono.defer(() -> fresh(idempotencyKey, hash, amountFen, channel, request, caller)));
        });
    }

    private Mono<Outcome> fresh(String key, String hash, long amountFen, Channel channel, Request request,
            CallerScope caller) {
        Instant now = Instant.now(clock);
        return campaigns.forDonations(request.campaignId())
                .switchIfEmpty(Mono.error(() -> ProblemException.ruleViolation("donation.campaign-known",
                        "donations are made to an existing campaign", "problem.donation.campaign-unknown",
                        "Campaign {0} does not exist.", request.campaignId())))
                .flatMap(campaign -> {
                    campaign.requireOpen(now);
                    Instant donatedAt = request.donatedAt() != null ? request.donatedAt() : now;
                    if (donatedAt.isAfter(now.plus(CLOCK_TOLERANCE)) || donatedAt.isBefore(campaign.getOpensAt())) {
                        throw ProblemException.ruleViolation("donation.donated-within-window",
                                "a donation is made within the campaign window and not in the future",
                                "problem.donation.donated-at", "The donation time must lie within the campaign window.");
                    }
                    return directory.placement(request.memberId())
                            .switchIfEmpty(Mono.error(() -> ProblemException.ruleViolation("donation.member-known",
                                    "donors are members of the register", "problem.donation.member-unknown",
                                    "Member {0} is not known.", request.memberId())))
                            .flatMap(placement -> {
                                check(placement, campaign, caller);
                                Donation.Facts facts = facts(placement, request, amountFen, channel, donatedAt);
                                return nextReceipt(now).flatMap(receipt -> {
                                    Donation donation = Donation.record(key, hash, receipt, facts, caller.username(),
                                            clock);
                                    return mongo.insert(donation)
                                            .flatMap(saved -> ledgers.applyNow(saved, campaign.getParticipatingPath())
                                                    .doOnSuccess(x -> {
                                                        recorded.increment();
                                                        recordedYuan.increment(amountFen / 100.0);
                                                    })
                                                    .thenReturn(new Outcome(saved, false)))
                                            .onErrorResume(DuplicateKeyException.class, e -> mongo
                                                    .findById(Donation.idFor(key), Donation.class)
                                                    .map(existing -> replay(existing, hash, caller)));
                                });
                            });
                });
    }

    private void check(Directory.Placement placement, Campaign campaign, CallerScope caller) {
        var member = placement.member();
        if (!member.isCurrentMember()) {
            throw ProblemException.ruleViolation("donation.member-current",
                    "donors are party members who currently belong to an organisation",
                    "problem.donation.member-not-current", "Member {0} is not a current party member.", member.id());
        }
        if (!Directory.within(placement.organization().path(), campaign.getParticipatingPath())) {
            throw ProblemException.ruleViolation("donation.member-participates",
                    "donors belong to the campaign's participating organisation",
                    "problem.donation.member-outside-campaign",
                    "Member {0} does not belong to an organisation taking part in this campaign.", member.id());
        }
        boolean self = member.username() != null && member.username().equals(caller.username());
        boolean allowed = caller.hasRole(Roles.COMMITTEE_ADMIN) || self
                || (caller.hasRole(Roles.ORG_ADMIN) && caller.covers(placement.organization().path()));
        if (!allowed) {
            throw new AccessDeniedException("members donate for themselves; administrators record within their scope");
        }
    }

    private static Donation.Facts facts(Directory.Placement p, Request request, long amountFen, Channel channel,
            Instant donatedAt) {
        String unitId = p.unit() != null ? p.unit().id() : p.organization().id();
        String unitName = p.unit() != null ? p.unit().name() : p.organization().name();
        return new Donation.Facts(request.campaignId(), p.member().id(), p.member().name(), p.member().username(),
                p.organization().id(), p.organization().path(), unitId, unitName, amountFen, channel, donatedAt,
                Boolean.TRUE.equals(request.publicConsent()), request.note());
    }

    private Outcome replay(Donation existing, String hash, CallerScope caller) {
        if (!existing.getRequestHash().equals(hash) || !mayView(caller, existing)) {
            throw ProblemException.ruleViolation("donation.idempotency-key-reused",
                    "an Idempotency-Key stands for one request", "problem.donation.idempotency-key-reused",
                    "This Idempotency-Key was already used for a different request.");
        }
        return new Outcome(existing, true);
    }

    private Mono<String> nextReceipt(Instant now) {
        String series = ReceiptNumber.series(now);
        return mongo.findAndModify(query(where("_id").is(series)), new Update().inc("sequence", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, "receipt_counters")
                .map(doc -> ReceiptNumber.format(series, ((Number) doc.get("sequence")).longValue()));
    }

    // ---- reading -------------------------------------------------------------------------------

    public static boolean mayView(CallerScope caller, Donation donation) {
        return caller.seesWholeCity()
                || (donation.getMemberUsername() != null && donation.getMemberUsername().equals(caller.username()))
                || caller.covers(donation.getOrganizationPath());
    }

    public Mono<Donation> get(String id, CallerScope caller) {
        return mongo.findById(id, Donation.class).filter(d -> mayView(caller, d))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("donation", id)));
    }

    public Mono<Page> search(String campaignId, String memberId, boolean mine, int page, int size, CallerScope caller) {
        Criteria own = where("memberUsername").is(caller.username());
        Criteria scope;
        if (mine || !(caller.seesWholeCity() || caller.hasRole(Roles.ORG_ADMIN))) {
            scope = own;
        }
        else if (caller.seesWholeCity()) {
            scope = new Criteria();
        }
        else {
            scope = new Criteria().orOperator(caller.organizationCriteria("organizationPath"), own);
        }
        Criteria criteria = scope;
        if (campaignId != null) {
            criteria = new Criteria().andOperator(criteria, where("campaignId").is(campaignId));
        }
        if (memberId != null) {
            criteria = new Criteria().andOperator(criteria, where("memberId").is(memberId));
        }
        Query matching = query(criteria);
        Query paged = query(criteria).with(Sort.by(Sort.Direction.DESC, "recordedAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return Mono.zip(mongo.find(paged, Donation.class).collectList(), mongo.count(matching, Donation.class))
                .map(t -> new Page(t.getT1(), t.getT2()));
    }

    public Mono<Donation> reverse(String id, String reason, CallerScope caller) {
        return get(id, caller).flatMap(donation -> {
            boolean allowed = caller.hasRole(Roles.COMMITTEE_ADMIN)
                    || (caller.hasRole(Roles.ORG_ADMIN) && caller.covers(donation.getOrganizationPath()));
            if (!allowed) {
                return Mono.error(new AccessDeniedException("reversals are recorded by administrators"));
            }
            return Mono.defer(() -> ledgers.reverse(donation, reason, caller.username()));
        });
    }

    // ---- input ---------------------------------------------------------------------------------

    static Channel channel(String value) {
        if (value == null || value.isBlank()) {
            throw invalid("channel", "problem.donation.channel", "channel is one of ONLINE, CASH, BANK_TRANSFER.");
        }
        try {
            return Channel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw invalid("channel", "problem.donation.channel", "channel is one of ONLINE, CASH, BANK_TRANSFER.");
        }
    }

    static ProblemException invalid(String field, String code, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, code, message)
                .with("errors", List.of(java.util.Map.of("field", field, "message", message)));
    }
}
