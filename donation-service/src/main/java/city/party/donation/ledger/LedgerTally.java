package city.party.donation.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import city.party.platform.money.Money;
import city.party.platform.web.ProblemException;

/**
 * The arithmetic of a campaign's money, in 分, with the invariants that hold after every entry:
 * <ul>
 * <li>received = handed over + held by units (for the campaign and for each unit);</li>
 * <li>handed over by a unit ≤ received by that unit (it can only hand over what it holds);</li>
 * <li>disbursed ≤ handed over (only entrusted money is spent), available = handed over − disbursed;</li>
 * <li>every amount is at least 0.01; no balance is ever negative.</li>
 * </ul>
 * The stored ledger applies the same entries with conditional atomic updates (LedgerService); this
 * class is the executable statement of the rules, used by the tests and by reconciliation, which
 * replays every entry into a fresh tally and compares it with what is stored.
 */
public final class LedgerTally {

    /** One unit's column of the ledger. */
    public static final class Unit {
        long received;
        long count;
        long held;
        long handedOver;

        public long received() {
            return received;
        }

        public long count() {
            return count;
        }

        public long held() {
            return held;
        }

        public long handedOver() {
            return handedOver;
        }
    }

    private final Map<String, Unit> units = new TreeMap<>();
    private long received;
    private long count;
    private long handedOver;
    private long disbursed;

    public void receive(String unitId, long amountFen) {
        requireMinimum(amountFen);
        Unit unit = unit(unitId);
        unit.received += amountFen;
        unit.held += amountFen;
        unit.count++;
        received += amountFen;
        count++;
    }

    /** A reversing entry: only money the unit still holds can be given back. */
    public void reverse(String unitId, long amountFen) {
        requireMinimum(amountFen);
        Unit unit = unit(unitId);
        if (unit.held < amountFen) {
            throw reversalExceedsHeld(unitId, unit.held);
        }
        unit.received -= amountFen;
        unit.held -= amountFen;
        unit.count--;
        received -= amountFen;
        count--;
    }

    public void handOver(String unitId, long amountFen) {
        requireMinimum(amountFen);
        Unit unit = unit(unitId);
        if (unit.held < amountFen) {
            throw handOverExceedsHeld(unitId, unit.held);
        }
        unit.held -= amountFen;
        unit.handedOver += amountFen;
        handedOver += amountFen;
    }

    public void disburse(long amountFen) {
        requireMinimum(amountFen);
        if (available() < amountFen) {
            throw disbursementExceedsAvailable(available());
        }
        disbursed += amountFen;
    }

    public long received() {
        return received;
    }

    public long count() {
        return count;
    }

    public long handedOver() {
        return handedOver;
    }

    public long disbursed() {
        return disbursed;
    }

    public long available() {
        return handedOver - disbursed;
    }

    public long heldByUnits() {
        return units.values().stream().mapToLong(Unit::held).sum();
    }

    public Map<String, Unit> units() {
        return units;
    }

    /** Every invariant that does not hold (empty when the ledger is sound). */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (received != handedOver + heldByUnits()) {
            violations.add("received " + Money.format(received) + " ≠ handed over " + Money.format(handedOver)
                    + " + held " + Money.format(heldByUnits()));
        }
        if (disbursed > handedOver) {
            violations.add("disbursed " + Money.format(disbursed) + " > handed over " + Money.format(handedOver));
        }
        units.forEach((id, unit) -> {
            if (unit.handedOver > unit.received) {
                violations.add("unit " + id + " handed over more than it received");
            }
            if (unit.received != unit.handedOver + unit.held) {
                violations.add("unit " + id + ": received ≠ handed over + held");
            }
            if (unit.held < 0 || unit.received < 0 || unit.count < 0) {
                violations.add("unit " + id + " has a negative balance");
            }
        });
        return violations;
    }

    private Unit unit(String unitId) {
        return units.computeIfAbsent(unitId, id -> new Unit());
    }

    // ---- the problems every write path reports ------------------------------------------------

    public static void requireMinimum(long amountFen) {
        if (amountFen < 1) {
            throw ProblemException.ruleViolation("ledger.amount-minimum", "every ledger amount is at least 0.01",
                    "problem.ledger.amount-minimum", "An amount must be at least 0.01.");
        }
    }

    public static ProblemException handOverExceedsHeld(String unitId, long heldFen) {
        return ProblemException.ruleViolation("ledger.hand-over-exceeds-held",
                "handed over per unit ≤ received by that unit (received = handed over + held)",
                "problem.ledger.hand-over-exceeds-held", "Unit {0} holds only {1}; it cannot hand over more.", unitId,
                Money.format(heldFen)).with("held", Money.format(heldFen));
    }

    public static ProblemException disbursementExceedsAvailable(long availableFen) {
        return ProblemException.ruleViolation("ledger.disbursement-exceeds-handed-over",
                "disbursed ≤ handed over", "problem.ledger.disbursement-exceeds-handed-over",
                "Only {0} has been handed over and not yet disbursed.", Money.format(availableFen))
                .with("available", Money.format(availableFen));
    }

    public static ProblemException reversalExceedsHeld(String unitId, long heldFen) {
        return ProblemException.ruleViolation("ledger.reversal-exceeds-held",
                "a reversal gives back money the unit still holds (received = handed over + held)",
                "problem.ledger.reversal-exceeds-held",
                "Unit {0} holds only {1}: the money was already handed over, so this donation cannot be reversed.",
                unitId, Money.format(heldFen)).with("held", Money.format(heldFen));
    }
}
