package city.party.donation.ledger;

import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerTallyTest {

    @Test
    void receivedIsAlwaysHandedOverPlusHeldAndDisbursedNeverExceedsHandedOver() {
        LedgerTally tally = new LedgerTally();
        tally.receive("unit-a", 10000);
        tally.receive("unit-a", 1);
        tally.receive("unit-b", 5050);
        tally.handOver("unit-a", 8000);
        tally.disburse(7999);
        tally.reverse("unit-b", 5050);
        assertThat(tally.received()).isEqualTo(10001);
        assertThat(tally.count()).isEqualTo(2);
        assertThat(tally.handedOver()).isEqualTo(8000);
        assertThat(tally.heldByUnits()).isEqualTo(2001);
        assertThat(tally.available()).isEqualTo(1);
        assertThat(tally.violations()).isEmpty();
    }

    @Test
    void aUnitCannotHandOverMoreThanItHolds() {
        LedgerTally tally = new LedgerTally();
        tally.receive("unit-a", 100);
        tally.receive("unit-b", 10000);
        assertThatThrownBy(() -> tally.handOver("unit-a", 101)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).properties()).containsEntry("rule",
                        "ledger.hand-over-exceeds-held").containsEntry("held", "1.00"));
        assertThat(tally.handedOver()).isZero();
    }

    @Test
    void disbursementsNeverExceedWhatWasHandedOver() {
        LedgerTally tally = new LedgerTally();
        tally.receive("unit-a", 10000);
        tally.handOver("unit-a", 3000);
        tally.disburse(3000);
        assertThatThrownBy(() -> tally.disburse(1)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).properties()).containsEntry("rule",
                        "ledger.disbursement-exceeds-handed-over"));
    }

    @Test
    void amountsAreAtLeastOneFen() {
        LedgerTally tally = new LedgerTally();
        tally.receive("unit-a", 100);
        assertThatThrownBy(() -> tally.handOver("unit-a", 0)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> tally.disburse(-5)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> tally.receive("unit-a", 0)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aReversalGivesBackOnlyWhatTheUnitStillHolds() {
        LedgerTally tally = new LedgerTally();
        tally.receive("unit-a", 10000);
        tally.handOver("unit-a", 9000);
        assertThatThrownBy(() -> tally.reverse("unit-a", 10000)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).properties()).containsEntry("rule",
                        "ledger.reversal-exceeds-held"));
        assertThat(tally.received()).isEqualTo(10000);
    }
}
