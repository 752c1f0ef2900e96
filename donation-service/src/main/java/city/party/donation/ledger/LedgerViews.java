package city.party.donation.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import city.party.donation.campaign.Campaign;
import city.party.donation.directory.Directory;
import city.party.donation.directory.OrganizationRecord;
import city.party.donation.donation.Donation;
import city.party.platform.money.Money;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** What the progress page and the public ledger show, read from the ledger and the read models. */
@Component
public class LedgerViews {

    public record Participation(String total, long count, long donors, long members, BigDecimal participationRate) {
    }

    /** {@code name} repeats {@code unitName} for clients that expect a plain name. */
    public record UnitProgress(String unitId, String unitName, String name, String total, long count, long donors, long members,
            BigDecimal participationRate, Instant completedAt, String completedBy, String completion) {
    }

    /** Participation of one organisation (e.g. a branch): who donated out of its current members. */
    public record OrganizationParticipation(String organizationId, String name, String unitId, long donors,
            long members, BigDecimal participationRate) {
    }

    public record Progress(String campaignId, String name, String status, String target, String total, long count,
            long donors, long members, BigDecimal participationRate, Participation cityWide, String cityWideTotal,
            List<UnitProgress> units, List<OrganizationParticipation> organizations, long pendingDonations,
            Instant asOf) {
    }

    public record UnitIncome(String unitId, String unitName, String total, long count, long donors, String handedOver,
            String held) {
    }

    public record NamedDonation(String donorName, String unitName, String amount, Instant donatedAt,
            String receiptNumber) {
    }

    public record HandOverView(String id, String unitId, String unitName, String recipient, String amount,
            String documentReference, String note, Instant handedOverAt) {
    }

    public record DisbursementView(String id, String beneficiaryGroup, String beneficiaryGroupName, String amount,
            List<String> documents, String description, Instant disbursedAt) {
    }

    public record Balance(String received, String handedOver, String heldByUnits, String disbursed,
            String availableForDisbursement) {
    }

    public record PublicLedger(String campaignId, String name, String purpose, String organiser, Instant opensAt,
            Instant closesAt, String status, String total, long count, List<UnitIncome> income,
            List<NamedDonation> donationsWithConsent, List<HandOverView> handOvers,
            List<DisbursementView> disbursements, Balance balance, Instant asOf) {
    }

    private final ReactiveMongoTemplate mongo;
    private final Directory directory;
    private final LedgerService ledgers;
    private final BeneficiaryGroups groups;
    private final Clock clock;

    public LedgerViews(ReactiveMongoTemplate mongo, Directory directory, LedgerService ledgers, BeneficiaryGroups groups,
            Clock clock) {
        this.mongo = mongo;
        this.directory = directory;
        this.ledgers = ledgers;
        this.groups = groups;
        this.clock = clock;
    }

    public Mono<Progress> progress(Campaign campaign) {
        Instant now = Instant.now(clock);
        Mono<Long> pending = mongo.count(query(where("campaignId").is(campaign.getId()).and("progressApplied").is(false)),
                Donation.class);
        return Mono.zip(ledgers.ledger(campaign.getId()).defaultIfEmpty(CampaignLedger.open(campaign.getId())),
                ledgers.donorCounts(campaign.getId()), directory.memberCounts(campaign.getParticipatingPath()),
                pending).map(t -> {
                    CampaignLedger ledger = t.getT1();
                    Map<String, Long> donors = t.getT2().byUnit();
                    Map<String, Long> members = t.getT3().byUnit();
                    Map<String, OrganizationRecord> orgs = t.getT3().organizations();
                    TreeSet<String> unitIds = new TreeSet<>(ledger.getUnits().keySet());
                    unitIds.addAll(members.keySet());
                    List<UnitProgress> units = new ArrayList<>();
                    long donorSum = 0;
                    long memberSum = 0;
                    for (String unitId : unitIds) {
                        CampaignLedger.UnitTally tally = ledger.getUnits().get(unitId);
                        long d = donors.getOrDefault(unitId, 0L);
                        long m = members.getOrDefault(unitId, 0L);
                        donorSum += d;
                        memberSum += m;
                        units.add(new UnitProgress(unitId, name(orgs, unitId), name(orgs, unitId), Money.format(tally == null ? 0
                                : tally.received()), tally == null ? 0 : tally.donations(), d, m, rate(d, m),
                                tally == null ? null : tally.completedAt(), tally == null ? null : tally.completedBy(),
                                tally == null ? null : tally.completion()));
                    }
                    String total = Money.format(ledger.received());
                    Participation city = new Participation(total, ledger.donations(), donorSum, memberSum,
                            rate(donorSum, memberSum));
                    return new Progress(campaign.getId(), campaign.getName(), campaign.statusAt(now).name(),
                            campaign.getTargetFen() == null ? null : Money.format(campaign.getTargetFen()), total,
                            ledger.donations(), donorSum, memberSum, rate(donorSum, memberSum), city, total, units,
                            organizations(t.getT2().byOrganization(), t.getT3()), t.getT4(), now);
                });
    }

    public Mono<PublicLedger> publicLedger(Campaign campaign) {
        Instant now = Instant.now(clock);
        Query consented = query(where("campaignId").is(campaign.getId()).and("publicConsent").is(true)
                .and("reversal").is(null)).with(Sort.by("recordedAt")).limit(5000);
        return Mono.zip(ledgers.ledger(campaign.getId()).defaultIfEmpty(CampaignLedger.open(campaign.getId())),
                ledgers.donorsByUnit(campaign.getId()), directory.allOrganizations(),
                mongo.find(consented, Donation.class).collectList()).map(t -> {
                    CampaignLedger ledger = t.getT1();
                    Map<String, OrganizationRecord> orgs = t.getT3();
                    List<UnitIncome> income = new ArrayList<>();
                    long held = 0;
                    for (var entry : new java.util.TreeMap<>(ledger.getUnits()).entrySet()) {
                        CampaignLedger.UnitTally u = entry.getValue();
                        held += u.held();
                        income.add(new UnitIncome(entry.getKey(), name(orgs, entry.getKey()), Money.format(u.received()),
                                u.donations(), t.getT2().getOrDefault(entry.getKey(), 0L),
                                Money.format(u.handedOver()), Money.format(u.held())));
                    }
                    List<NamedDonation> named = t.getT4().stream().map(d -> new NamedDonation(d.getMemberName(),
                            d.getUnitName(), Money.format(d.getAmountFen()), d.getDonatedAt(), d.getReceiptNumber()))
                            .toList();
                    List<HandOverView> handOvers = ledger.getHandOvers().stream().map(h -> new HandOverView(h.id(),
                            h.unitId(), name(orgs, h.unitId()), h.recipient(), Money.format(h.amountFen()),
                            h.documentReference(), h.note(), h.handedOverAt())).toList();
                    List<DisbursementView> disbursements = ledger.getDisbursements().stream()
                            .map(d -> new DisbursementView(d.id(), d.beneficiaryGroup(), groups.name(d.beneficiaryGroup()),
                                    Money.format(d.amountFen()), d.documents(), d.description(), d.disbursedAt()))
                            .toList();
                    Balance balance = new Balance(Money.format(ledger.received()), Money.format(ledger.handedOver()),
                            Money.format(held), Money.format(ledger.disbursed()), Money.format(ledger.available()));
                    return new PublicLedger(campaign.getId(), campaign.getName(), campaign.getPurpose(),
                            campaign.getOrganiser(), campaign.getOpensAt(), campaign.getClosesAt(),
                            campaign.statusAt(now).name(), Money.format(ledger.received()), ledger.donations(), income,
                            named, handOvers, disbursements, balance, now);
                });
    }

    private static List<OrganizationParticipation> organizations(Map<String, Long> donors,
            Directory.MemberCounts members) {
        TreeSet<String> ids = new TreeSet<>(members.byOrganization().keySet());
        ids.addAll(donors.keySet());
        List<OrganizationParticipation> list = new ArrayList<>();
        for (String id : ids) {
            OrganizationRecord org = members.organizations().get(id);
            long d = donors.getOrDefault(id, 0L);
            long m = members.byOrganization().getOrDefault(id, 0L);
            list.add(new OrganizationParticipation(id, org == null ? id : org.name(),
                    org == null ? null : Directory.unitOf(org, members.organizations()), d, m, rate(d, m)));
        }
        return list;
    }

    private static String name(Map<String, OrganizationRecord> orgs, String id) {
        OrganizationRecord org = orgs.get(id);
        return org == null ? id : org.name();
    }

    static BigDecimal rate(long donors, long members) {
        if (members == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(donors).divide(BigDecimal.valueOf(members), 4, RoundingMode.HALF_UP);
    }
}
