package city.party.member.honor.domain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An honour on a member's or an organisation's record, as honor-service announced it (a read
 * model of {@code party.honor.awarded.v1} / {@code revoked.v1}): the register shows it, it does not
 * decide it. A revoked honour stays on the record, marked with when and why.
 *
 * @param nomineeType MEMBER or ORGANIZATION
 */
@Document("honors")
public record HonorRecord(@Id String awardId, String programId, String category, String nomineeType,
        String nomineeId, String organizationId, String unitId, Instant awardedAt, Instant revokedAt,
        String revocationReason) {
}
