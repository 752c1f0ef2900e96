package city.party.honor.facts.domain;

import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * honor-service's own view of a member (from {@code party.members}): name for the honor roll,
 * organisation, lifecycle stage and status for eligibility, account name for recusal. Stage,
 * status and organisation each carry the effective date of the change that set them; an older
 * change (replayed or late) never overwrites a newer one.
 */
@Document("member_facts")
public class MemberFact {

    public static final String FULL = "FULL";
    public static final String ACTIVE = "ACTIVE";
    public static final String TRANSFERRING = "TRANSFERRING";

    @Id
    private String id;
    private String name;
    private String organizationId;
    private String stage;
    private String status;
    private String username;
    private LocalDate stageOn;
    private LocalDate statusOn;
    private LocalDate organizationOn;
    private boolean registered;
    @Version
    private Long version;

    MemberFact() {
    }

    public static MemberFact of(String id) {
        MemberFact fact = new MemberFact();
        fact.id = id;
        return fact;
    }

    /** The registration: identity always; stage, status, organisation only if no later change set them. */
    public void registered(String name, String organizationId, String stage, String status, String username) {
        this.name = name;
        this.username = username;
        this.registered = true;
        if (this.organizationId == null) {
            this.organizationId = organizationId;
        }
        if (this.stage == null) {
            this.stage = stage;
        }
        if (this.status == null) {
            this.status = status;
        }
    }

    public void stageChanged(String organizationId, String to, LocalDate effectiveOn) {
        if (stageOn == null || !effectiveOn.isBefore(stageOn)) {
            this.stage = to;
            this.stageOn = effectiveOn;
        }
        if (this.organizationId == null) {
            this.organizationId = organizationId;
        }
    }

    public void statusChanged(String organizationId, String to, LocalDate effectiveOn) {
        if (statusOn == null || !effectiveOn.isBefore(statusOn)) {
            this.status = to;
            this.statusOn = effectiveOn;
        }
        if (this.organizationId == null) {
            this.organizationId = organizationId;
        }
    }

    public void transferred(String toOrganizationId, LocalDate effectiveOn) {
        if (organizationOn == null || !effectiveOn.isBefore(organizationOn)) {
            this.organizationId = toOrganizationId;
            this.organizationOn = effectiveOn;
        }
        transferDecided(effectiveOn);
    }

    /**
     * A letter of introduction is out: the member is in transfer — not "active" for a commendation
     * — until the receiving organisation decides (member-service sends no status change for it).
     */
    public void transferIssued(LocalDate on) {
        statusChanged(null, TRANSFERRING, on);
    }

    /** Accepted, refused or withdrawn: a member who was in transfer is active again. */
    public void transferDecided(LocalDate on) {
        if (TRANSFERRING.equals(status)) {
            statusChanged(null, ACTIVE, on);
        }
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getStage() {
        return stage;
    }

    public String getStatus() {
        return status;
    }

    public String getUsername() {
        return username;
    }

    public boolean isRegistered() {
        return registered;
    }

    public Long getVersion() {
        return version;
    }
}
