package city.party.donation.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import city.party.donation.donation.Donation;
import city.party.platform.money.Money;
import city.party.platform.web.ProblemException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Recomputes every total of a campaign from its entries — donations, reversing entries, hand-overs,
 * disbursements — with {@link LedgerTally} and reports each stored figure that differs. There must
 * be none; a difference means a stored total was changed outside the ledger's write paths.
 */
@Component
public class Reconciliation {

    public record Difference(String scope, String field, String recorded, String recomputed) {
    }

    public record Report(String campaignId, Instant checkedAt, long donations, long reversals, long handOvers,
            long disbursements, long pendingDonations, List<Difference> differences,
            List<String> invariantViolations, boolean consistent) {
    }

    private final ReactiveMongoTemplate mongo;
    private final LedgerService ledgers;
    private final Clock clock;

    public Reconciliation(ReactiveMongoTemplate mongo, LedgerService ledgers, Clock clock) {
        this.mongo = mongo;
        this.ledgers = ledgers;
        this.clock = clock;
    }

    public Mono<Report> run(String campaignId) {
        return ledgers.ledger(campaignId).switchIfEmpty(Mono.error(ProblemException.notFound("campaign", campaignId)))
                .flatMap(ledger -> mongo.find(query(where("campaignId").is(campaignId)), Donation.class).collectList()
                        .map(donations -> compare(ledger, donations)));
    }

    Report compare(CampaignLedger ledger, List<Donation> donations) {
        // Changes whose follow-up is still under way count as done: the ledger already includes them.
        Set<String> countingNow = ledger.getInflight().stream().filter(i -> "DONATION".equals(i.kind()))
                .map(CampaignLedger.Intent::donationId).collect(Collectors.toSet());
        Set<String> reversingNow = ledger.getInflight().stream().filter(i -> "REVERSAL".equals(i.kind()))
                .map(CampaignLedger.Intent::donationId).collect(Collectors.toSet());
        LedgerTally tally = new LedgerTally();
        List<String> violations = new ArrayList<>();
        long pending = 0;
        long reversals = 0;
        List<Donation> counted = new ArrayList<>();
        for (Donation d : donations) {
            if (d.isProgressApplied() || countingNow.contains(d.getId())) {
                tally.receive(d.getUnitId(), d.getAmountFen());
                counted.add(d);
            }
            else {
                pending++;
            }
        }
        for (Donation d : counted) {
            if (d.isReversed() || reversingNow.contains(d.getId())) {
                reversals++;
                replay(violations, () -> tally.reverse(d.getUnitId(), d.getAmountFen()));
            }
        }
        ledger.getHandOvers().forEach(h -> replay(violations, () -> tally.handOver(h.unitId(), h.amountFen())));
        ledger.getDisbursements().forEach(d -> replay(violations, () -> tally.disburse(d.amountFen())));
        violations.addAll(tally.violations());
        // Receipts are issued once each: a number on two donations would be a broken counter.
        donations.stream().collect(Collectors.groupingBy(Donation::getReceiptNumber, Collectors.counting()))
                .forEach((receipt, times) -> {
                    if (times > 1) {
                        violations.add("receipt " + receipt + " was issued " + times + " times");
                    }
                });

        List<Difference> differences = new ArrayList<>();
        money(differences, "campaign", "received", ledger.received(), tally.received());
        number(differences, "campaign", "count", ledger.donations(), tally.count());
        money(differences, "campaign", "handedOver", ledger.handedOver(), tally.handedOver());
        money(differences, "campaign", "disbursed", ledger.disbursed(), tally.disbursed());
        money(differences, "campaign", "available", ledger.available(), tally.available());
        TreeSet<String> unitIds = new TreeSet<>(ledger.getUnits().keySet());
        unitIds.addAll(tally.units().keySet());
        for (String unitId : unitIds) {
            CampaignLedger.UnitTally stored = ledger.getUnits().get(unitId);
            LedgerTally.Unit recomputed = tally.units().getOrDefault(unitId, new LedgerTally.Unit());
            String scope = "unit:" + unitId;
            money(differences, scope, "received", stored == null ? 0 : stored.received(), recomputed.received());
            number(differences, scope, "count", stored == null ? 0 : stored.donations(), recomputed.count());
            money(differences, scope, "held", stored == null ? 0 : stored.held(), recomputed.held());
            money(differences, scope, "handedOver", stored == null ? 0 : stored.handedOver(), recomputed.handedOver());
        }
        return new Report(ledger.getId(), Instant.now(clock), counted.size(), reversals, ledger.getHandOvers().size(),
                ledger.getDisbursements().size(), pending, differences, violations,
                differences.isEmpty() && violations.isEmpty());
    }

    private static void replay(List<String> violations, Runnable entry) {
        try {
            entry.run();
        }
        catch (ProblemException e) {
            violations.add(e.getMessage());
        }
    }

    private static void money(List<Difference> out, String scope, String field, long recorded, long recomputed) {
        if (recorded != recomputed) {
            out.add(new Difference(scope, field, Money.format(recorded), Money.format(recomputed)));
        }
    }

    private static void number(List<Difference> out, String scope, String field, long recorded, long recomputed) {
        if (recorded != recomputed) {
            out.add(new Difference(scope, field, Long.toString(recorded), Long.toString(recomputed)));
        }
    }
}
