package city.party.member.member.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One transfer of organisational relationship (组织关系转接): the sending organisation issues a
 * letter of introduction, valid for a limited time; the receiving organisation accepts it (the
 * receipt goes back) or refuses it. Kept inside the member document, so the member's move and the
 * transfer's state change are one write.
 */
public record Transfer(String id, String fromOrganizationId, String toOrganizationId, String reason,
        String letterNumber, LocalDate issuedOn, LocalDate validUntil, TransferStatus status, String issuedBy,
        Instant issuedAt, String decidedBy, Instant decidedAt, String decisionNote) {

    public enum TransferStatus {
        /** The letter is out; the member is TRANSFERRING. */
        ISSUED,
        /** Received: the member now belongs to the receiving organisation. */
        ACCEPTED,
        REFUSED,
        CANCELLED
    }

    Transfer decided(TransferStatus outcome, String actor, Instant at, String note) {
        return new Transfer(id, fromOrganizationId, toOrganizationId, reason, letterNumber, issuedOn, validUntil,
                outcome, issuedBy, issuedAt, actor, at, note);
    }
}
