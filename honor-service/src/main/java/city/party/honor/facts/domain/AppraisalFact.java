package city.party.honor.facts.domain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's grade in one democratic appraisal (民主评议党员, from
 * {@code party.activity.appraisal-recorded.v1}); a newer record for the same appraisal replaces it.
 */
@Document("appraisal_facts")
public class AppraisalFact {

    public static final String UNQUALIFIED = "UNQUALIFIED";

    @Id
    private String id;
    private String activityId;
    private String memberId;
    private String organizationId;
    private int year;
    private String grade;
    private Instant recordedAt;
    @Version
    private Long version;

    AppraisalFact() {
    }

    public static String idOf(String activityId, String memberId) {
        return activityId + "|" + memberId;
    }

    public static AppraisalFact of(String activityId, String memberId) {
        AppraisalFact fact = new AppraisalFact();
        fact.id = idOf(activityId, memberId);
        fact.activityId = activityId;
        fact.memberId = memberId;
        return fact;
    }

    public void recorded(String organizationId, int year, String grade, Instant at) {
        if (recordedAt != null && at.isBefore(recordedAt)) {
            return;
        }
        this.organizationId = organizationId;
        this.year = year;
        this.grade = grade;
        this.recordedAt = at;
    }

    public String getId() {
        return id;
    }

    public String getMemberId() {
        return memberId;
    }

    public int getYear() {
        return year;
    }

    public String getGrade() {
        return grade;
    }

    public Long getVersion() {
        return version;
    }
}
