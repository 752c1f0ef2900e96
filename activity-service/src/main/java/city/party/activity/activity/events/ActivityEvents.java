package city.party.activity.activity.events;

import java.time.Instant;
import java.util.List;

/**
 * The events activity-service publishes on {@code party.activities} (key = activity id) — a
 * contract with honor-service; JSON Schemas in {@code resources/events/}. Fields are only ever
 * added (optional), never renamed or removed.
 */
public final class ActivityEvents {

    public static final String TOPIC = "party.activities";
    public static final String HELD = "party.activity.held.v1";
    public static final String RECORDED = "party.activity.recorded.v1";
    public static final String CANCELLED = "party.activity.cancelled.v1";
    public static final String ATTENDANCE_RECORDED = "party.activity.attendance-recorded.v1";
    public static final String APPRAISAL_RECORDED = "party.activity.appraisal-recorded.v1";
    public static final String COMPLIANCE_OVERDUE = "party.activity.compliance-overdue.v1";

    private ActivityEvents() {
    }

    public record Held(String activityId, String kind, List<String> organizationIds, Instant heldAt, String topic) {
    }

    /** The record (纪实) was written or edited; {@code revision} counts from 1. */
    public record Recorded(String activityId, String kind, List<String> organizationIds, Instant heldAt, int revision,
            String recordedBy) {
    }

    /** {@code wasHeld}: it had counted as held before (consumers should take it back). */
    public record Cancelled(String activityId, String kind, List<String> organizationIds, Instant heldAt,
            boolean wasHeld, String reason) {
    }

    public record AttendanceRecorded(String activityId, String kind, String organizationId, String memberId,
            String attendance, Instant heldAt, String reason) {
    }

    public record AppraisalRecorded(String activityId, String organizationId, String memberId, int year,
            String grade) {
    }

    public record ComplianceOverdue(String organizationId, String kind, String period, int required, int held,
            java.time.LocalDate dueOn, String rulesVersion, String source) {
    }
}
