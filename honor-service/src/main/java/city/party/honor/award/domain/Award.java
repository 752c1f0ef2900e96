package city.party.honor.award.domain;

import java.time.Clock;
import java.time.Instant;

import city.party.honor.events.HonorEvents;
import city.party.honor.nomination.domain.Deeds;
import city.party.honor.nomination.domain.Nomination;
import city.party.honor.nomination.domain.Nominee;
import city.party.honor.program.domain.CategoryKind;
import city.party.honor.program.domain.HonorProgram;
import city.party.platform.events.AggregateRoot;
import city.party.platform.web.ProblemException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An honour conferred: the entry on the honor roll (光荣榜) with the published deeds. Its id
 * follows from the nomination, so approving twice (a retry after a crash) yields one award. A
 * revocation keeps the entry (and why) but takes it off the public roll.
 */
@Document("awards")
public class Award extends AggregateRoot {

    @Id
    private String id;
    private String nominationId;
    private String programId;
    private String programName;
    private int programYear;
    private String category;
    private String categoryName;
    private CategoryKind kind;
    private String nomineeType;
    private String nomineeId;
    private String name;
    private String organizationId;
    private String organizationName;
    private String unitId;
    private String unitName;
    /** Sanitised HTML, copied from the nomination (see {@link Deeds}). */
    private String deeds;
    /** Visible text of the deeds; absent in awards conferred before rich text (plain text in {@code deeds}). */
    private String deedsText;
    private java.util.List<String> photoIds = new java.util.ArrayList<>();
    private String awardedBy;
    private Instant awardedAt;
    private boolean revoked;
    private String revocationReason;
    private String revokedBy;
    private Instant revokedAt;

    Award() {
    }

    public static Award confer(Nomination nomination, HonorProgram program, String actor, Clock clock) {
        Nominee nominee = nomination.getNominee();
        Award award = new Award();
        award.id = Nomination.awardIdOf(nomination.getId());
        award.nominationId = nomination.getId();
        award.programId = program.getId();
        award.programName = program.getName();
        award.programYear = program.getYear();
        award.category = nomination.getCategory();
        award.categoryName = nomination.getCategoryName();
        award.kind = nomination.getKind();
        award.nomineeType = nominee.type().name();
        award.nomineeId = nominee.id();
        award.name = nominee.name();
        award.organizationId = nominee.organizationId();
        award.organizationName = nominee.organizationName();
        award.unitId = nominee.unitId();
        award.unitName = nominee.unitName();
        Deeds deeds = nomination.getDeeds();
        award.deeds = deeds.html();
        award.deedsText = deeds.text();
        award.photoIds = nomination.getPhotos().stream().map(city.party.honor.nomination.domain.PhotoRef::id).toList();
        award.awardedBy = actor;
        award.awardedAt = clock.instant();
        award.raise(HonorEvents.TOPIC, HonorEvents.AWARDED, new HonorEvents.Awarded(award.id, award.nominationId,
                award.programId, award.category, award.kind.name(), award.nomineeType, award.nomineeId,
                award.organizationId, award.unitId, actor, award.awardedAt), clock);
        return award;
    }

    public void revoke(String reason, String actor, Clock clock) {
        if (revoked) {
            throw ProblemException.conflict("award.already-revoked", "This award was revoked on {0}.", revokedAt)
                    .with("reason", "already-revoked");
        }
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(city.party.platform.web.ProblemType.VALIDATION_FAILED, "award.reason-missing",
                    "A revocation needs its reason.").with("errors",
                            java.util.List.of(java.util.Map.of("field", "reason", "message", "required")));
        }
        revoked = true;
        revocationReason = reason.strip();
        revokedBy = actor;
        revokedAt = clock.instant();
        raise(HonorEvents.TOPIC, HonorEvents.REVOKED, new HonorEvents.Revoked(id, nominationId, programId,
                nomineeType, nomineeId, revocationReason, actor, revokedAt), clock);
    }

    @Override
    public String getId() {
        return id;
    }

    public String getNominationId() {
        return nominationId;
    }

    public String getProgramId() {
        return programId;
    }

    public String getProgramName() {
        return programName;
    }

    public int getProgramYear() {
        return programYear;
    }

    public String getCategory() {
        return category;
    }

    public String getCategoryName() {
        return categoryName;
    }

    public CategoryKind getKind() {
        return kind;
    }

    public String getNomineeType() {
        return nomineeType;
    }

    public String getNomineeId() {
        return nomineeId;
    }

    public String getName() {
        return name;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public String getOrganizationName() {
        return organizationName;
    }

    public String getUnitId() {
        return unitId;
    }

    public String getUnitName() {
        return unitName;
    }

    public Deeds getDeeds() {
        return Deeds.stored(deeds, deedsText);
    }

    public java.util.List<String> getPhotoIds() {
        return photoIds == null ? java.util.List.of() : photoIds;
    }

    public String getAwardedBy() {
        return awardedBy;
    }

    public Instant getAwardedAt() {
        return awardedAt;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public String getRevocationReason() {
        return revocationReason;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
