package city.party.honor.events;

import java.time.Instant;
import java.util.List;

/**
 * What honor-service publishes on {@code party.honors}; each type has its JSON Schema in
 * {@code src/main/resources/events}. Events carry ids, codes and who/when — never the deeds,
 * objection texts or contact data (those stay behind the API, published only where meant to be).
 */
public final class HonorEvents {

    public static final String TOPIC = "party.honors";

    public static final String NOMINATION_SUBMITTED = "party.honor.nomination-submitted.v1";
    public static final String NOMINATION_REVIEWED = "party.honor.nomination-reviewed.v1";
    public static final String NOTICE_STARTED = "party.honor.notice-started.v1";
    public static final String OBJECTION_LODGED = "party.honor.objection-lodged.v1";
    public static final String OBJECTION_RESOLVED = "party.honor.objection-resolved.v1";
    public static final String AWARDED = "party.honor.awarded.v1";
    public static final String REVOKED = "party.honor.revoked.v1";

    private HonorEvents() {
    }

    public record NominationSubmitted(String nominationId, String programId, String category, String kind,
            String nomineeType, String nomineeId, String organizationId, String unitId, String submittedBy,
            Instant submittedAt) {
    }

    public record NominationReviewed(String nominationId, String programId, String level, String decision,
            String reviewer, Instant reviewedAt, String state) {
    }

    public record NoticeStarted(String programId, String noticeId, List<String> nominationIds, Instant startsAt,
            Instant endsAt, String startedBy) {
    }

    public record ObjectionLodged(String nominationId, String programId, String objectionId, boolean anonymous,
            Instant lodgedAt) {
    }

    public record ObjectionResolved(String nominationId, String programId, String objectionId, String outcome,
            String resolvedBy, Instant resolvedAt, String state) {
    }

    public record Awarded(String awardId, String nominationId, String programId, String category, String kind,
            String nomineeType, String nomineeId, String organizationId, String unitId, String awardedBy,
            Instant awardedAt) {
    }

    public record Revoked(String awardId, String nominationId, String programId, String nomineeType,
            String nomineeId, String reason, String revokedBy, Instant revokedAt) {
    }
}
