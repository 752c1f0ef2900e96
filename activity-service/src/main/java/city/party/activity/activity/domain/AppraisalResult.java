package city.party.activity.activity.domain;

import java.time.Instant;

/** One member's grade in a democratic appraisal (民主评议党员) of {@code year}. */
public record AppraisalResult(String memberId, String organizationId, int year, AppraisalGrade grade,
        String recordedBy, Instant recordedAt) {
}
