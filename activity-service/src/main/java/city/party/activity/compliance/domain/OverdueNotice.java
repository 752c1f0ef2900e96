package city.party.activity.compliance.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import city.party.activity.activity.events.ActivityEvents;
import city.party.platform.events.AggregateRoot;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An organisation fell behind on a kind in a window. Its id is (organisation, kind, window), so
 * the warning and its event exist at most once however often the check runs.
 */
@Document("compliance_overdue")
public class OverdueNotice extends AggregateRoot {

    @Id
    private String id;
    private String organizationId;
    private String organizationName;
    private String organizationPath;
    private String kind;
    private String period;
    private int required;
    private int held;
    private LocalDate dueOn;
    private String rulesVersion;
    private String source;
    private Instant detectedAt;

    OverdueNotice() {
    }

    public static OverdueNotice detected(String organizationId, String organizationName, String organizationPath,
            String kind, String period, int required, int held, LocalDate dueOn, String rulesVersion, String source,
            Clock clock) {
        OverdueNotice notice = new OverdueNotice();
        notice.id = organizationId + "|" + kind + "|" + period;
        notice.organizationId = organizationId;
        notice.organizationName = organizationName;
        notice.organizationPath = organizationPath;
        notice.kind = kind;
        notice.period = period;
        notice.required = required;
        notice.held = held;
        notice.dueOn = dueOn;
        notice.rulesVersion = rulesVersion;
        notice.source = source;
        notice.detectedAt = clock.instant();
        notice.raise(ActivityEvents.TOPIC, ActivityEvents.COMPLIANCE_OVERDUE, new ActivityEvents.ComplianceOverdue(
                organizationId, kind, period, required, held, dueOn, rulesVersion, source), clock);
        return notice;
    }

    @Override
    public String getId() {
        return id;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getOrganizationName() {
        return organizationName;
    }

    public String getOrganizationPath() {
        return organizationPath;
    }

    public String getKind() {
        return kind;
    }

    public String getPeriod() {
        return period;
    }

    public int getRequired() {
        return required;
    }

    public int getHeld() {
        return held;
    }

    public LocalDate getDueOn() {
        return dueOn;
    }

    public String getRulesVersion() {
        return rulesVersion;
    }

    public String getSource() {
        return source;
    }

    public Instant getDetectedAt() {
        return detectedAt;
    }
}
