package city.party.donation.donation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import city.party.platform.events.AggregateRoot;
import city.party.platform.money.Money;
import city.party.platform.web.ProblemException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One voluntary donation and its immutable receipt. Once recorded nothing about it changes except
 * that it may be reversed (a correction or refund is a reversing entry: the original stays as it
 * was, with who reversed it, when and why) and that the progress tally has taken it into account.
 *
 * <p>The idempotency key and a hash of the request are part of the same document, and the document
 * id is derived from the key: two requests with one key can never both be stored.
 */
@Document("donations")
public class Donation extends AggregateRoot {

    /** The reversing entry. */
    public record Reversal(String reason, String by, Instant at) {
    }

    /** Everything a donation is recorded with, checked before it exists. */
    public record Facts(String campaignId, String memberId, String memberName, String memberUsername,
            String organizationId, String organizationPath, String unitId, String unitName, long amountFen,
            Channel channel, Instant donatedAt, boolean publicConsent, String note) {
    }

    @Id
    private String id;
    private String idempotencyKey;
    private String requestHash;
    private String receiptNumber;
    private String campaignId;
    private String memberId;
    private String memberName;
    private String memberUsername;
    private String organizationId;
    private String organizationPath;
    private String unitId;
    private String unitName;
    private long amountFen;
    private Channel channel;
    private Instant donatedAt;
    private Instant recordedAt;
    private String recordedBy;
    private boolean publicConsent;
    private String note;
    /** Whether the campaign's progress tally includes this donation (see LedgerService). */
    private boolean progressApplied;
    private Reversal reversal;

    @PersistenceCreator
    Donation() {
    }

    /** The donation id a key stands for: the same key always names the same donation. */
    public static String idFor(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("donation:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static Donation record(String idempotencyKey, String requestHash, String receiptNumber, Facts facts,
            String recordedBy, Clock clock) {
        if (facts.amountFen() < 1) {
            throw new IllegalArgumentException("a donation is at least 0.01");
        }
        Donation donation = new Donation();
        donation.id = idFor(idempotencyKey);
        donation.idempotencyKey = idempotencyKey;
        donation.requestHash = requestHash;
        donation.receiptNumber = receiptNumber;
        donation.campaignId = facts.campaignId();
        donation.memberId = facts.memberId();
        donation.memberName = facts.memberName();
        donation.memberUsername = facts.memberUsername();
        donation.organizationId = facts.organizationId();
        donation.organizationPath = facts.organizationPath();
        donation.unitId = facts.unitId();
        donation.unitName = facts.unitName();
        donation.amountFen = facts.amountFen();
        donation.channel = facts.channel();
        // MongoDB keeps milliseconds: the receipt shows what is stored, so a replay answers identically.
        donation.donatedAt = facts.donatedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        donation.publicConsent = facts.publicConsent();
        donation.note = facts.note();
        donation.recordedAt = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        donation.recordedBy = recordedBy;
        donation.raise(DonationEvents.TOPIC, DonationEvents.RECORDED, new DonationEvents.Recorded(donation.id,
                donation.campaignId, donation.memberId, donation.organizationId, donation.unitId,
                Money.format(donation.amountFen), donation.channel.name(), donation.donatedAt.toString(),
                receiptNumber, recordedBy), clock);
        return donation;
    }

    /** The reversing entry; a donation is reversed at most once and never edited. */
    public void reverse(String reason, String by, Instant at, Clock clock) {
        if (reversal != null) {
            throw ProblemException.ruleViolation("donation.already-reversed", "a donation is reversed at most once",
                    "problem.donation.already-reversed", "Donation {0} has already been reversed.", receiptNumber);
        }
        reversal = new Reversal(reason, by, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        raise(DonationEvents.TOPIC, DonationEvents.REVERSED, new DonationEvents.Reversed(id, campaignId, memberId,
                unitId, Money.format(amountFen), receiptNumber, reason, by, at.toString()), clock);
    }

    /** Hash of what a request asked for, so a reused key with another body is recognised. */
    public static String hash(String canonicalRequest) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isReversed() {
        return reversal != null;
    }

    @Override
    public String getId() {
        return id;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getRequestHash() {
        return requestHash;
    }

    public String getReceiptNumber() {
        return receiptNumber;
    }

    public String getCampaignId() {
        return campaignId;
    }

    public String getMemberId() {
        return memberId;
    }

    public String getMemberName() {
        return memberName;
    }

    public String getMemberUsername() {
        return memberUsername;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getOrganizationPath() {
        return organizationPath;
    }

    public String getUnitId() {
        return unitId;
    }

    public String getUnitName() {
        return unitName;
    }

    public long getAmountFen() {
        return amountFen;
    }

    public Channel getChannel() {
        return channel;
    }

    public Instant getDonatedAt() {
        return donatedAt;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public boolean isPublicConsent() {
        return publicConsent;
    }

    public String getNote() {
        return note;
    }

    public boolean isProgressApplied() {
        return progressApplied;
    }

    public Reversal getReversal() {
        return reversal;
    }
}
