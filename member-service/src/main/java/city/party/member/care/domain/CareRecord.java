package city.party.member.care.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One act of care (关怀帮扶) for a member: a visit to an old or sick member, support for a member or
 * family in difficulty, consolation on a bereavement. Records are additions, never edits: a wrong
 * record is corrected by a further one. Kept with the member's organisation at the time, for scope.
 */
@Document("care_records")
public record CareRecord(@Id String id, @Indexed String memberId, String organizationId, CareKind kind,
        LocalDate date, String description, Long amountFen, String recordedBy, Instant recordedAt) {

    /** What kind of care. */
    public enum CareKind {
        /** 困难党员帮扶. */
        HARDSHIP,
        /** 老党员关怀. */
        ELDERLY,
        /** 生病住院慰问. */
        ILLNESS,
        /** 家属慰问、丧葬慰问. */
        FAMILY,
        /** 其他. */
        OTHER
    }

    public static CareRecord record(String memberId, String organizationId, CareKind kind, LocalDate date,
            String description, Long amountFen, String actor, Instant now) {
        return new CareRecord(UUID.randomUUID().toString(), memberId, organizationId, kind, date, description.trim(),
                amountFen, actor, now);
    }
}
