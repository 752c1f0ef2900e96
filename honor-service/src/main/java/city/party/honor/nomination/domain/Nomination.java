package city.party.honor.nomination.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import city.party.honor.events.HonorEvents;
import city.party.honor.program.domain.Category;
import city.party.honor.program.domain.CategoryKind;
import city.party.honor.program.domain.HonorProgram;
import city.party.platform.events.AggregateRoot;
import city.party.platform.security.CallerScope;
import city.party.platform.security.Roles;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A unit's nomination of a member or an organisation for one category of a programme, and its
 * way through two reviews, the public notice and approval. Every step is a command that checks
 * the state (an illegal step is a 409 naming the state), who decides (recusal) and the dates, and
 * records who, when and why.
 */
@Document("nominations")
public class Nomination extends AggregateRoot {

    /** Objections one nomination accepts; beyond that anonymous submissions are refused (abuse). */
    public static final int MAX_OBJECTIONS = 200;
    public static final int MAX_PHOTOS = 3;

    static final String RECUSAL_SOURCE = "回避原则：评审人为被推荐对象本人或其所在党组织成员的，不得参与该推荐的评审（DOMAIN.md Honors）";
    static final String WINDOW_SOURCE = "表彰方案规定的推荐时间";
    static final String DEADLINE_SOURCE = "表彰方案规定的审核时限";

    @Id
    private String id;
    private String programId;
    private int programYear;
    private String category;
    private String categoryName;
    private CategoryKind kind;
    private Nominee nominee;
    /** Sanitised HTML (see {@link Deeds}). */
    private String deeds;
    /** Visible text of the deeds; absent in documents written before rich text (plain text in {@code deeds}). */
    private String deedsText;
    private EligibilityCheck eligibility;
    private NominationState state;
    /** programme|type|nominee while the nomination is alive: one live nomination per nominee and programme. */
    private String activeKey;
    private String submittedBy;
    private Instant submittedAt;
    private List<Review> reviews = new ArrayList<>();
    private String noticeId;
    private Instant noticeStartsAt;
    private Instant noticeEndsAt;
    private List<Objection> objections = new ArrayList<>();
    private String awardId;
    private List<PhotoRef> photos = new ArrayList<>();
    private Instant updatedAt;

    Nomination() {
    }

    public static Nomination submit(HonorProgram program, String categoryCode, Nominee nominee, String deeds,
            EligibilityCheck eligibility, String actor, Clock clock) {
        Instant now = clock.instant();
        Category category = program.category(categoryCode).orElseThrow(() -> new ProblemException(
                ProblemType.VALIDATION_FAILED, "nomination.category-unknown",
                "The programme has no category " + categoryCode + ".").with("errors",
                        List.of(java.util.Map.of("field", "category", "message", "unknown category"))));
        NomineeType expected = category.kind() == CategoryKind.COLLECTIVE ? NomineeType.ORGANIZATION
                : NomineeType.MEMBER;
        if (nominee.type() != expected) {
            throw ProblemException.ruleViolation("nomination.nominee-kind", "表彰方案的类别设置",
                    "nomination.rule.nominee-kind", "Category {0} honours a {1}, not a {2}.", category.code(),
                    expected, nominee.type());
        }
        if (!program.acceptsNominations(now)) {
            throw ProblemException.ruleViolation("nomination.window", WINDOW_SOURCE, "nomination.rule.window",
                    "Nominations are accepted from {0} until {1}.", program.getOpensAt(), program.getClosesAt())
                    .with("opensAt", program.getOpensAt()).with("closesAt", program.getClosesAt());
        }
        if (!eligibility.eligible()) {
            throw ProblemException.ruleViolation("nomination.eligibility", "表彰方案规定的推荐条件",
                    "nomination.rule.ineligible", "The nominee does not meet the conditions: {0}.",
                    String.join(", ", eligibility.criteria().stream().filter(c -> !c.met())
                            .map(EligibilityCheck.Criterion::code).toList()))
                    .with("criteria", eligibility.criteria());
        }
        Nomination nomination = new Nomination();
        nomination.id = UUID.randomUUID().toString();
        nomination.programId = program.getId();
        nomination.programYear = program.getYear();
        nomination.category = category.code();
        nomination.categoryName = category.name();
        nomination.kind = category.kind();
        nomination.nominee = nominee;
        Deeds sanitised = Deeds.of(deeds);
        nomination.deeds = sanitised.html();
        nomination.deedsText = sanitised.text();
        nomination.eligibility = eligibility;
        nomination.state = NominationState.SUBMITTED;
        nomination.activeKey = program.getId() + "|" + nominee.type() + "|" + nominee.id();
        nomination.submittedBy = actor;
        nomination.submittedAt = now;
        nomination.updatedAt = now;
        nomination.raise(HonorEvents.TOPIC, HonorEvents.NOMINATION_SUBMITTED, new HonorEvents.NominationSubmitted(
                nomination.id, program.getId(), category.code(), category.kind().name(), nominee.type().name(),
                nominee.id(), nominee.organizationId(), nominee.unitId(), actor, now), clock);
        return nomination;
    }

    /**
     * A review decision: at SUBMITTED by the unit party committee (an org-admin of the unit, or the
     * work committee acting for it), at UNIT_APPROVED by the work committee. A reviewer who is the
     * nominee or belongs to the nominee's organisation must not decide.
     */
    public void review(Review.Decision decision, String comment, CallerScope reviewer, HonorProgram program,
            Clock clock) {
        Instant now = clock.instant();
        Review.ReviewLevel level = switch (state) {
            case SUBMITTED -> Review.ReviewLevel.UNIT;
            case UNIT_APPROVED -> Review.ReviewLevel.COMMITTEE;
            default -> throw illegal("review");
        };
        boolean authorised = level == Review.ReviewLevel.UNIT
                ? reviewer.hasRole(Roles.COMMITTEE_ADMIN)
                        || (reviewer.hasRole(Roles.ORG_ADMIN) && reviewer.covers(nominee.unitPath()))
                : reviewer.hasRole(Roles.COMMITTEE_ADMIN);
        if (!authorised) {
            throw new ProblemException(ProblemType.FORBIDDEN, "nomination.review-not-authorised",
                    "A {0} review is decided by {1}.", level,
                    level == Review.ReviewLevel.UNIT ? "the unit party committee" : "the work committee")
                    .with("level", level);
        }
        requireNotRecused(reviewer);
        java.time.Instant deadline = level == Review.ReviewLevel.UNIT ? program.getUnitReviewDeadline()
                : program.getCommitteeReviewDeadline();
        if (now.isAfter(deadline)) {
            throw ProblemException.ruleViolation("review.deadline", DEADLINE_SOURCE, "nomination.rule.review-deadline",
                    "The {0} review had to be decided by {1}.", level, deadline).with("deadline", deadline);
        }
        if (decision == Review.Decision.APPROVE) {
            requireStillEligible();
        }
        reviews.add(new Review(level, decision, reviewer.username(), now, comment));
        if (decision == Review.Decision.REJECT) {
            reject();
        }
        else {
            state = level == Review.ReviewLevel.UNIT ? NominationState.UNIT_APPROVED
                    : NominationState.COMMITTEE_APPROVED;
        }
        updatedAt = now;
        raise(HonorEvents.TOPIC, HonorEvents.NOMINATION_REVIEWED, new HonorEvents.NominationReviewed(id, programId,
                level.name(), decision.name(), reviewer.username(), now, state.name()), clock);
    }

    /**
     * The facts may change while a nomination is under way (a member's membership lapses, an
     * appraisal is recorded): approvals are decided on the eligibility as it is now.
     */
    public void refreshEligibility(EligibilityCheck current) {
        this.eligibility = current;
    }

    private void requireStillEligible() {
        if (eligibility != null && !eligibility.eligible()) {
            throw ProblemException.ruleViolation("nomination.eligibility", "表彰方案规定的推荐条件",
                    "nomination.rule.no-longer-eligible", "The nominee no longer meets the conditions: {0}.",
                    String.join(", ", eligibility.criteria().stream().filter(c -> !c.met())
                            .map(EligibilityCheck.Criterion::code).toList()))
                    .with("criteria", eligibility.criteria());
        }
    }

    /** Photos go with the deeds, so they are added while the nomination is still with the unit. */
    public void attachPhoto(PhotoRef photo) {
        if (state != NominationState.SUBMITTED) {
            throw illegal("attach-photo");
        }
        if (photos.size() >= MAX_PHOTOS) {
            throw ProblemException.ruleViolation("nomination.photos-limit", "表彰推荐材料要求",
                    "nomination.rule.photos-limit", "A nomination has at most {0} photos.", MAX_PHOTOS);
        }
        photos.add(photo);
        updatedAt = photo.uploadedAt();
    }

    /** Whether this caller must stand aside: they are the nominee, or in (or administering) the nominee's organisation. */
    public boolean recuses(CallerScope caller) {
        if (nominee.username() != null && nominee.username().equals(caller.username())) {
            return true;
        }
        String path = nominee.organizationPath();
        // Belonging to the nominee's organisation and administering it both mean standing aside.
        return path != null && java.util.stream.Stream.concat(caller.organizationPaths().stream(),
                caller.administeredPaths().stream()).anyMatch(group -> group.equals(path) || group.startsWith(path + "/"));
    }

    private void requireNotRecused(CallerScope caller) {
        if (recuses(caller)) {
            throw ProblemException.ruleViolation("review.recusal", RECUSAL_SOURCE, "nomination.rule.recusal",
                    "You are the nominee or belong to the nominee''s organisation and must not decide on this nomination.");
        }
    }

    /** Put on public notice from {@code startsAt} until {@code endsAt}. */
    public void startNotice(String noticeId, Instant startsAt, Instant endsAt) {
        if (state != NominationState.COMMITTEE_APPROVED) {
            throw illegal("start-notice");
        }
        this.state = NominationState.IN_NOTICE;
        this.noticeId = noticeId;
        this.noticeStartsAt = startsAt;
        this.noticeEndsAt = endsAt;
        this.updatedAt = startsAt;
    }

    /** Anyone may object while the notice runs; {@code lodgedBy} null means anonymous. */
    public Objection lodgeObjection(String text, String lodgedBy, Clock clock) {
        Instant now = clock.instant();
        if (state != NominationState.IN_NOTICE || !now.isBefore(noticeEndsAt)) {
            throw ProblemException.conflict("nomination.notice-not-running",
                    "This nomination is not on public notice now.").with("reason", "notice-not-running");
        }
        if (objections.size() >= MAX_OBJECTIONS) {
            throw ProblemException.conflict("nomination.objections-limit",
                    "This nomination has received the maximum number of objections.").with("reason", "objections-limit");
        }
        String clean = text == null ? "" : text.strip();
        if (clean.isEmpty() || clean.codePointCount(0, clean.length()) > 2000) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "nomination.objection-text",
                    "An objection has 1 to 2000 characters.").with("errors",
                            List.of(java.util.Map.of("field", "text", "message", "1 to 2000 characters")));
        }
        Objection objection = new Objection(UUID.randomUUID().toString(), clean, now, lodgedBy,
                Objection.Status.OPEN, null, null, null);
        objections.add(objection);
        updatedAt = now;
        raise(HonorEvents.TOPIC, HonorEvents.OBJECTION_LODGED, new HonorEvents.ObjectionLodged(id, programId,
                objection.id(), lodgedBy == null, now), clock);
        return objection;
    }

    /**
     * The work committee's finding on an objection: DISMISSED leaves the nomination on notice;
     * UPHELD rejects it (it will not be awarded).
     */
    public void resolveObjection(String objectionId, Objection.Status outcome, String comment, String actor,
            Clock clock) {
        Instant now = clock.instant();
        if (state != NominationState.IN_NOTICE) {
            throw illegal("resolve-objection");
        }
        int index = -1;
        for (int i = 0; i < objections.size(); i++) {
            if (objections.get(i).id().equals(objectionId)) {
                index = i;
            }
        }
        if (index < 0) {
            throw ProblemException.notFound("objection", objectionId);
        }
        if (outcome == null || outcome == Objection.Status.OPEN) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "nomination.objection-outcome",
                    "The outcome is UPHELD or DISMISSED.").with("errors",
                            List.of(java.util.Map.of("field", "outcome", "message", "UPHELD or DISMISSED")));
        }
        if (objections.get(index).status() != Objection.Status.OPEN) {
            throw ProblemException.conflict("nomination.objection-resolved", "This objection is already resolved.")
                    .with("reason", "objection-already-resolved");
        }
        objections.set(index, objections.get(index).resolve(outcome, actor, now, comment));
        if (outcome == Objection.Status.UPHELD) {
            reviews.add(new Review(Review.ReviewLevel.NOTICE, Review.Decision.REJECT, actor, now, comment));
            reject();
        }
        updatedAt = now;
        raise(HonorEvents.TOPIC, HonorEvents.OBJECTION_RESOLVED, new HonorEvents.ObjectionResolved(id, programId,
                objectionId, outcome.name(), actor, now, state.name()), clock);
    }

    /**
     * Final approval: only after the notice has ended and every objection is resolved. Returns the
     * id of the award (derived from the nomination, so a repeated approval finds the same award).
     */
    public String approve(Clock clock) {
        Instant now = clock.instant();
        if (state != NominationState.IN_NOTICE) {
            throw illegal("approve");
        }
        if (now.isBefore(noticeEndsAt)) {
            throw ProblemException.conflict("nomination.notice-running",
                    "The public notice runs until {0}; approval comes after it.", noticeEndsAt)
                    .with("reason", "notice-running").with("noticeEndsAt", noticeEndsAt);
        }
        long open = objections.stream().filter(o -> o.status() == Objection.Status.OPEN).count();
        if (open > 0) {
            throw ProblemException.conflict("nomination.objections-open",
                    "{0} objection(s) are not resolved yet.", open).with("reason", "objections-open")
                    .with("openObjections", open);
        }
        requireStillEligible();
        state = NominationState.AWARDED;
        awardId = awardIdOf(id);
        updatedAt = now;
        return awardId;
    }

    public static String awardIdOf(String nominationId) {
        return "award-" + nominationId;
    }

    private void reject() {
        state = NominationState.REJECTED;
        activeKey = null;
    }

    private ProblemException illegal(String action) {
        return ProblemException.conflict("nomination.illegal-transition",
                "A nomination in state {0} cannot {1}.", state, action).with("reason", "illegal-transition")
                .with("state", state).with("action", action);
    }

    @Override
    public String getId() {
        return id;
    }

    public String getProgramId() {
        return programId;
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

    public Nominee getNominee() {
        return nominee;
    }

    public Deeds getDeeds() {
        return Deeds.stored(deeds, deedsText);
    }

    public EligibilityCheck getEligibility() {
        return eligibility;
    }

    public NominationState getState() {
        return state;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public List<Review> getReviews() {
        return Collections.unmodifiableList(reviews);
    }

    public String getNoticeId() {
        return noticeId;
    }

    public Instant getNoticeStartsAt() {
        return noticeStartsAt;
    }

    public Instant getNoticeEndsAt() {
        return noticeEndsAt;
    }

    public List<Objection> getObjections() {
        return Collections.unmodifiableList(objections);
    }

    public String getAwardId() {
        return awardId;
    }

    public List<PhotoRef> getPhotos() {
        return photos == null ? List.of() : Collections.unmodifiableList(photos);
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
