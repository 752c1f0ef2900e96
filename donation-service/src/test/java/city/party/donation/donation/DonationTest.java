package city.party.donation.donation;

import city.party.donation.EventContractTest;
import city.party.platform.money.Money;
import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DonationTest {

    @Test
    void theSameKeyAlwaysNamesTheSameDonation() {
        assertThat(Donation.idFor("k-1")).isEqualTo(Donation.idFor("k-1")).isNotEqualTo(Donation.idFor("k-2"));
    }

    @Test
    void aDonationIsReversedAtMostOnceAndKeepsItsReceipt() {
        Donation donation = EventContractTest.donation();
        donation.reverse("录入错误", "secretary-a", EventContractTest.CLOCK.instant(), EventContractTest.CLOCK);
        assertThat(donation.isReversed()).isTrue();
        assertThat(donation.getReceiptNumber()).isEqualTo("JZ-2026-000001");
        assertThat(donation.getAmountFen()).isEqualTo(10050);
        assertThatThrownBy(() -> donation.reverse("again", "committee", EventContractTest.CLOCK.instant(),
                EventContractTest.CLOCK)).isInstanceOf(ProblemException.class);
        assertThat(donation.getOutbox()).hasSize(2);
    }

    @Test
    void receiptNumbersCarryTheCityYearAndAZeroPaddedSequence() {
        assertThat(ReceiptNumber.series(java.time.Instant.parse("2026-12-31T16:30:00Z"))).isEqualTo("JZ-2027");
        assertThat(ReceiptNumber.format("JZ-2026", 123)).isEqualTo("JZ-2026-000123");
        assertThat(ReceiptNumber.format("JZ-2026", 1234567)).isEqualTo("JZ-2026-1234567");
        assertThat(ReceiptNumber.isWellFormed("JZ-2026-000123")).isTrue();
        assertThatThrownBy(() -> ReceiptNumber.format("JZ-2026", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e3", "-5", "0.001", "abc", "999999999999999999999", "1,000.00", " ", "100.", ".5" })
    void malformedAmountsAreRefused(String amount) {
        assertThatThrownBy(() -> Money.parseFen("amount", amount)).isInstanceOf(ProblemException.class);
    }

    @Test
    void exactAmounts() {
        assertThat(Money.parseFen("amount", "100.00")).isEqualTo(10000);
        assertThat(Money.parseFen("amount", "0.01")).isEqualTo(1);
        assertThat(Money.format(123450)).isEqualTo("1234.50");
    }

    @Test
    void channelsAreKnownCodes() {
        assertThat(DonationService.channel("cash")).isEqualTo(Channel.CASH);
        assertThatThrownBy(() -> DonationService.channel("PAYROLL")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> DonationService.channel(null)).isInstanceOf(ProblemException.class);
    }
}
