package city.party.donation.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import city.party.platform.web.ProblemException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A voluntary donation campaign (e.g. 抗击疫情党员自愿捐款): what it is for, who organises it, which
 * subtree of the organisation tree takes part, and the window in which donations are accepted.
 * There is deliberately no quota of any kind: a target, if set, is for the whole campaign.
 */
@Document("campaigns")
public class Campaign {

    /** A change of the closing time, kept for the record. */
    public record Extension(Instant previousClosesAt, Instant newClosesAt, String reason, String by, Instant at) {
    }

    public enum Status { SCHEDULED, OPEN, CLOSED }

    @Id
    private String id;
    @Version
    private Long version;
    private String name;
    private String purpose;
    private String organiser;
    private String participatingOrganizationId;
    private String participatingPath;
    private Instant opensAt;
    private Instant closesAt;
    private Long targetFen;
    private Instant closedAt;
    private String closedBy;
    private String createdBy;
    private Instant createdAt;
    private List<Extension> extensions = new ArrayList<>();

    @PersistenceCreator
    Campaign() {
    }

    public static Campaign create(String id, String name, String purpose, String organiser,
            String participatingOrganizationId, String participatingPath, Instant opensAt, Instant closesAt,
            Long targetFen, String by, Instant now) {
        if (!opensAt.isBefore(closesAt)) {
            throw ProblemException.ruleViolation("campaign.window", "campaign window: opensAt < closesAt",
                    "problem.campaign.window", "A campaign must open before it closes.");
        }
        if (targetFen != null && targetFen < 1) {
            throw ProblemException.ruleViolation("campaign.target-positive", "amounts are at least 0.01",
                    "problem.campaign.target", "A target, if set, must be at least 0.01.");
        }
        Campaign campaign = new Campaign();
        campaign.id = id;
        campaign.name = name;
        campaign.purpose = purpose;
        campaign.organiser = organiser;
        campaign.participatingOrganizationId = participatingOrganizationId;
        campaign.participatingPath = participatingPath;
        campaign.opensAt = opensAt;
        campaign.closesAt = closesAt;
        campaign.targetFen = targetFen;
        campaign.createdBy = by;
        campaign.createdAt = now;
        return campaign;
    }

    public Status statusAt(Instant now) {
        if (closedAt != null || !now.isBefore(closesAt)) {
            return Status.CLOSED;
        }
        return now.isBefore(opensAt) ? Status.SCHEDULED : Status.OPEN;
    }

    /** Donations are accepted only while the campaign is open. */
    public void requireOpen(Instant at) {
        Status status = statusAt(at);
        if (status != Status.OPEN) {
            throw ProblemException.ruleViolation("donation.campaign-not-open",
                    "donations only while the campaign is open", "problem.donation.campaign-not-open",
                    "Campaign {0} does not accept donations now ({1}).", id, status.name())
                    .with("campaignStatus", status.name());
        }
    }

    public void close(String by, Instant now) {
        if (statusAt(now) == Status.CLOSED) {
            throw ProblemException.ruleViolation("campaign.already-closed", "a campaign closes once",
                    "problem.campaign.already-closed", "Campaign {0} is already closed.", id);
        }
        closedAt = now;
        closedBy = by;
        if (closesAt.isAfter(now)) {
            // The window ends now, so the public record shows when donations really stopped.
            closesAt = now;
            if (!opensAt.isBefore(closesAt)) {
                opensAt = closesAt.minusMillis(1);
            }
        }
    }

    /** Moves the closing time later; a campaign closed by hand stays closed. */
    public void extend(Instant newClosesAt, String reason, String by, Instant now) {
        if (closedAt != null) {
            throw ProblemException.ruleViolation("campaign.closed-by-hand", "a closed campaign is not reopened",
                    "problem.campaign.closed-by-hand", "Campaign {0} was closed and cannot be extended.", id);
        }
        if (!newClosesAt.isAfter(closesAt) || !newClosesAt.isAfter(now)) {
            throw ProblemException.ruleViolation("campaign.extension-later", "an extension moves the end later",
                    "problem.campaign.extension-later", "The new closing time must be later than the current one and in the future.");
        }
        extensions.add(new Extension(closesAt, newClosesAt, reason, by, now));
        closesAt = newClosesAt;
    }

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getOrganiser() {
        return organiser;
    }

    public String getParticipatingOrganizationId() {
        return participatingOrganizationId;
    }

    public String getParticipatingPath() {
        return participatingPath;
    }

    public Instant getOpensAt() {
        return opensAt;
    }

    public Instant getClosesAt() {
        return closesAt;
    }

    public Long getTargetFen() {
        return targetFen;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public String getClosedBy() {
        return closedBy;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<Extension> getExtensions() {
        return Collections.unmodifiableList(extensions);
    }
}
