package city.party.donation.donation;

import java.time.Instant;

import city.party.platform.money.Money;

/** A donation and its receipt as the API shows them to those allowed to see them. */
public record DonationView(String id, String receiptNumber, String campaignId, String memberId, String memberName,
        String organizationId, String unitId, String unitName, String amount, String channel, Instant donatedAt,
        Instant recordedAt, String recordedBy, boolean publicConsent, String note, String status,
        Donation.Reversal reversal) {

    public static DonationView of(Donation d) {
        return new DonationView(d.getId(), d.getReceiptNumber(), d.getCampaignId(), d.getMemberId(), d.getMemberName(),
                d.getOrganizationId(), d.getUnitId(), d.getUnitName(), Money.format(d.getAmountFen()),
                d.getChannel().name(), d.getDonatedAt(), d.getRecordedAt(), d.getRecordedBy(), d.isPublicConsent(),
                d.getNote(), d.isReversed() ? "REVERSED" : "RECORDED", d.getReversal());
    }
}
