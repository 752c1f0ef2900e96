package city.party.donation.donation;

/**
 * The events donation-service publishes on {@code party.donations} — its public contract, with a
 * JSON Schema per type in {@code resources/events/}. Amounts are exact money strings ("100.00").
 * Donation events are keyed by the donation id, campaign-ledger events by the campaign id.
 */
public final class DonationEvents {

    public static final String TOPIC = "party.donations";
    public static final String RECORDED = "party.donation.recorded.v1";
    public static final String REVERSED = "party.donation.reversed.v1";
    public static final String UNIT_COMPLETED = "party.donation.unit-completed.v1";
    public static final String FUNDS_HANDED_OVER = "party.donation.funds-handed-over.v1";
    public static final String DISBURSED = "party.donation.disbursed.v1";

    private DonationEvents() {
    }

    public record Recorded(String donationId, String campaignId, String memberId, String organizationId,
            String unitId, String amount, String channel, String donatedAt, String receiptNumber, String recordedBy) {
    }

    public record Reversed(String donationId, String campaignId, String memberId, String unitId, String amount,
            String receiptNumber, String reason, String reversedBy, String reversedAt) {
    }

    public record UnitCompleted(String campaignId, String unitId, String completedAt, String reason,
            String completedBy) {
    }

    public record FundsHandedOver(String campaignId, String handOverId, String unitId, String recipient,
            String amount, String documentReference, String handedOverAt, String recordedBy) {
    }

    public record Disbursed(String campaignId, String disbursementId, String beneficiaryGroup, String amount,
            java.util.List<String> documents, String disbursedAt, String recordedBy) {
    }
}
