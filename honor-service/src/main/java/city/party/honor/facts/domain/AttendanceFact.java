package city.party.honor.facts.domain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One member's attendance at one activity (from {@code party.activity.attendance-recorded.v1}).
 * A correction of the record replaces it; a record older than the stored one (by event time) is
 * ignored.
 */
@Document("attendance_facts")
public class AttendanceFact {

    @Id
    private String id;
    private String activityId;
    private String memberId;
    private String organizationId;
    private String kind;
    private String attendance;
    private Instant heldAt;
    private Instant recordedAt;
    @Version
    private Long version;

    AttendanceFact() {
    }

    public static String idOf(String activityId, String memberId) {
        return activityId + "|" + memberId;
    }

    public static AttendanceFact of(String activityId, String memberId) {
        AttendanceFact fact = new AttendanceFact();
        fact.id = idOf(activityId, memberId);
        fact.activityId = activityId;
        fact.memberId = memberId;
        return fact;
    }

    public void recorded(String organizationId, String kind, String attendance, Instant heldAt, Instant at) {
        if (recordedAt != null && at.isBefore(recordedAt)) {
            return;
        }
        this.organizationId = organizationId;
        this.kind = kind;
        this.attendance = attendance;
        this.heldAt = heldAt;
        this.recordedAt = at;
    }

    /** Present, or absent and made up the study afterwards (补学). */
    public boolean attended() {
        return "PRESENT".equals(attendance) || "MADE_UP".equals(attendance);
    }

    public String getId() {
        return id;
    }

    public String getActivityId() {
        return activityId;
    }

    public String getMemberId() {
        return memberId;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getKind() {
        return kind;
    }

    public String getAttendance() {
        return attendance;
    }

    public Instant getHeldAt() {
        return heldAt;
    }

    public Long getVersion() {
        return version;
    }
}
