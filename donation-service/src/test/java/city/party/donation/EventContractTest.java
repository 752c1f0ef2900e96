package city.party.donation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import city.party.donation.donation.Channel;
import city.party.donation.donation.Donation;
import city.party.donation.donation.DonationEvents;
import city.party.platform.events.EventJson;
import city.party.platform.events.PendingEvent;
import city.party.platform.test.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Producer side of the event contract: what donation-service raises matches its published schemas. */
public class EventContractTest {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);

    public static Donation donation() {
        return Donation.record("key-1", "hash", "JZ-2026-000001", new Donation.Facts("demo-epidemic-relief", "m-1",
                "陈明", "member-a", "branch-a1", "/city/unit-a/branch-a1", "unit-a", "市财政局", 10050, Channel.ONLINE,
                Instant.parse("2026-11-26T01:59:00Z"), true, null), "member-a", CLOCK);
    }

    @Test
    void donationEventsMatchTheirSchemas() {
        Donation donation = donation();
        donation.reverse("重复录入", "secretary-a", CLOCK.instant(), CLOCK);
        assertThat(donation.getOutbox()).extracting(PendingEvent::type).containsExactly(DonationEvents.RECORDED,
                DonationEvents.REVERSED);
        donation.getOutbox().forEach(event -> EventContract.assertConforms(event.type(), event.data()));
        assertThat(donation.getOutbox().get(0).data()).contains("\"amount\":\"100.50\"");
    }

    @Test
    void ledgerEventsMatchTheirSchemas() {
        EventContract.assertConforms(DonationEvents.UNIT_COMPLETED, EventJson.write(new DonationEvents.UnitCompleted(
                "c", "unit-a", "2026-11-26T02:00:00Z", "DECLARED", "secretary-a")));
        EventContract.assertConforms(DonationEvents.FUNDS_HANDED_OVER, EventJson.write(
                new DonationEvents.FundsHandedOver("c", "h-1", "unit-a", "市委组织部", "1000.00", "财字〔2026〕1号",
                        "2026-11-26T02:00:00Z", "committee")));
        EventContract.assertConforms(DonationEvents.DISBURSED, EventJson.write(new DonationEvents.Disbursed("c", "d-1",
                "medical-workers", "500.00", List.of("慰问名单.pdf"), "2026-11-26T02:00:00Z", "committee")));
    }

    @Test
    void theSchemasAreStrictEnoughToCatchABrokenEvent() {
        assertThatThrownBy(() -> EventContract.assertConforms(DonationEvents.FUNDS_HANDED_OVER, EventJson.write(
                new DonationEvents.FundsHandedOver("c", "h-1", "unit-a", "市委组织部", "1000.5", "doc",
                        "2026-11-26T02:00:00Z", "committee")))).isInstanceOf(AssertionError.class);
    }
}
