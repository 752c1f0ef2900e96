package city.party.activity.activity.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import city.party.activity.activity.events.ActivityEvents;
import city.party.activity.kind.ActivityKind;
import city.party.platform.events.AggregateRoot;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One party activity (三会一课, 主题党日, …): planned by its organiser organisation(s), held,
 * recorded (纪实) — or cancelled. Attendance, sign-in and appraisal are recorded on it; every
 * command checks its rules before it changes anything, so a refused command leaves no trace.
 */
@Document("activities")
public class Activity extends AggregateRoot {

    public static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");
    public static final int MAX_SIGN_IN_FAILURES = 5;

    @Id
    private String id;
    private String kind;
    private String kindName;
    private boolean votes;
    private boolean appraisal;
    private List<String> organizationIds = new ArrayList<>();
    /** Paths of the organisers, for scope inside queries (rewritten when an organisation moves). */
    private List<String> organizationPaths = new ArrayList<>();
    private String topic;
    private Instant startsAt;
    private Instant endsAt;
    private String place;
    private ActivityStatus status;
    private Instant heldAt;
    private String heldBy;
    private List<Attendee> attendees = new ArrayList<>();
    private List<RecordRevision> revisions = new ArrayList<>();
    private List<SignInCode> signInCodes = new ArrayList<>();
    /** Wrong codes per member: a six-digit code must not be guessable by trying. */
    private Map<String, Integer> signInFailures = new HashMap<>();
    private List<AppraisalResult> appraisals = new ArrayList<>();
    private String cancelReason;
    private String cancelledBy;
    private Instant cancelledAt;
    /** Whether the compliance counters include this activity (kept in step by the counter sweep). */
    private boolean counted;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;

    Activity() {
    }

    /** An organiser as the plan needs it: id and path from the read model. */
    public record Organiser(String id, String path) {
    }

    /** One line of a recorded attendance list. */
    public record AttendanceEntry(String memberId, Attendance attendance, String reason) {
    }

    public static Activity plan(ActivityPlan plan, ActivityKind kind, List<Organiser> organisers,
            List<Attendee> expected, String actor, Clock clock) {
        requireWindow(plan.startsAt(), plan.endsAt());
        Activity activity = new Activity();
        activity.id = UUID.randomUUID().toString();
        activity.kind = kind.code();
        activity.kindName = kind.name();
        activity.votes = kind.votes();
        activity.appraisal = kind.appraisal();
        activity.organizationIds = new ArrayList<>(organisers.stream().map(Organiser::id).toList());
        activity.organizationPaths = new ArrayList<>(organisers.stream().map(Organiser::path).toList());
        activity.topic = plan.topic().trim();
        activity.startsAt = plan.startsAt();
        activity.endsAt = plan.endsAt();
        activity.place = plan.place();
        activity.status = ActivityStatus.PLANNED;
        activity.attendees = new ArrayList<>(expected);
        activity.createdBy = actor;
        activity.createdAt = clock.instant();
        activity.updatedAt = activity.createdAt;
        return activity;
    }

    /**
     * Changes the plan (only while planned). The time window is checked as when planning; the
     * expected attendees come with the new day.
     */
    public void replan(String topic, Instant startsAt, Instant endsAt, String place, List<Attendee> expected,
            Clock clock) {
        requireStatus("change the plan of", ActivityStatus.PLANNED);
        Instant start = startsAt != null ? startsAt : this.startsAt;
        Instant end = endsAt != null ? endsAt : this.endsAt;
        requireWindow(start, end);
        if (topic != null) {
            this.topic = topic.trim();
        }
        if (place != null) {
            this.place = place;
        }
        this.startsAt = start;
        this.endsAt = end;
        if (expected != null) {
            attendees = new ArrayList<>(expected);
        }
        touch(clock);
    }

    private static void requireWindow(Instant startsAt, Instant endsAt) {
        if (!startsAt.isBefore(endsAt)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "activity.time-window",
                    "An activity must end after it starts.").with("errors",
                            List.of(Map.of("field", "endsAt", "message", "must be after startsAt")));
        }
        if (Duration.between(startsAt, endsAt).toDays() > 7) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "activity.time-window-length",
                    "An activity lasts at most seven days.").with("errors",
                            List.of(Map.of("field", "endsAt", "message", "at most 7 days after startsAt")));
        }
    }

    /** The activity's day in the city: what the expected attendees and compliance month are based on. */
    public LocalDate day() {
        return startsAt.atZone(CITY_ZONE).toLocalDate();
    }

    /**
     * The activity took place. Expected attendees are taken again from the register as it stands
     * for the activity's day (members may have moved since it was planned); what was already
     * recorded for a member who is still expected is kept.
     */
    public void hold(List<Attendee> expectedNow, String actor, Clock clock) {
        requireStatus("hold", ActivityStatus.PLANNED);
        if (clock.instant().isBefore(startsAt)) {
            throw city.party.activity.config.Violations.rule("activity.hold-after-start", null, "activity.hold-before-start",
                    "An activity can be marked held only once it has started.");
        }
        Map<String, Attendee> recorded = new HashMap<>();
        attendees.stream().filter(a -> a.attendance() != null).forEach(a -> recorded.put(a.memberId(), a));
        List<Attendee> merged = new ArrayList<>();
        for (Attendee expected : expectedNow) {
            Attendee before = recorded.get(expected.memberId());
            merged.add(before == null ? expected : expected.with(before.attendance(), before.reason(), before.via(),
                    before.recordedBy(), before.recordedAt()));
        }
        attendees = merged;
        status = ActivityStatus.HELD;
        heldAt = startsAt;
        heldBy = actor;
        touch(clock);
        raise(ActivityEvents.TOPIC, ActivityEvents.HELD, new ActivityEvents.Held(id, kind,
                List.copyOf(organizationIds), heldAt, topic), clock);
        attendees.stream().filter(a -> a.attendance() != null).forEach(a -> raiseAttendance(a, clock));
    }

    /** Writes the record (纪实); an edit adds a revision and keeps the earlier ones. */
    public void record(String minutes, String note, String actor, Clock clock) {
        requireStatus("record", ActivityStatus.HELD, ActivityStatus.RECORDED);
        int number = revisions.size() + 1;
        revisions.add(new RecordRevision(number, minutes, actor, clock.instant(), note));
        status = ActivityStatus.RECORDED;
        touch(clock);
        raise(ActivityEvents.TOPIC, ActivityEvents.RECORDED, new ActivityEvents.Recorded(id, kind,
                List.copyOf(organizationIds), heldAt, number, actor), clock);
    }

    public void cancel(String reason, String actor, Clock clock) {
        requireStatus("cancel", ActivityStatus.PLANNED, ActivityStatus.HELD, ActivityStatus.RECORDED);
        boolean wasHeld = status.tookPlace();
        status = ActivityStatus.CANCELLED;
        cancelReason = reason;
        cancelledBy = actor;
        cancelledAt = clock.instant();
        touch(clock);
        raise(ActivityEvents.TOPIC, ActivityEvents.CANCELLED, new ActivityEvents.Cancelled(id, kind,
                List.copyOf(organizationIds), heldAt, wasHeld, reason), clock);
    }

    /**
     * Records attendance for some expected attendees (all entries are checked before any is applied).
     * Made-up study (补学) is for members who were absent or on leave.
     */
    public void recordAttendance(List<AttendanceEntry> entries, String actor, Clock clock) {
        requireStatus("record attendance", ActivityStatus.HELD, ActivityStatus.RECORDED);
        Set<String> seen = new HashSet<>();
        Map<String, Attendee> byMember = new LinkedHashMap<>();
        attendees.forEach(a -> byMember.put(a.memberId(), a));
        for (AttendanceEntry entry : entries) {
            Attendee attendee = byMember.get(entry.memberId());
            if (attendee == null) {
                throw city.party.activity.config.Violations.rule("attendance.expected-attendee", null,
                        "activity.attendance-not-expected",
                        "Member {0} is not among the expected attendees of this activity.", entry.memberId())
                        .with("memberId", entry.memberId());
            }
            if (!seen.add(entry.memberId())) {
                throw city.party.activity.config.Violations.rule("attendance.once-per-member", null,
                        "activity.attendance-duplicate", "Member {0} is listed twice.", entry.memberId());
            }
            if (entry.attendance() == Attendance.ON_LEAVE && (entry.reason() == null || entry.reason().isBlank())) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "activity.leave-needs-reason",
                        "Leave needs a reason.").with("errors",
                                List.of(Map.of("field", "entries[" + entry.memberId() + "].reason",
                                        "message", "required for ON_LEAVE")));
            }
            if (entry.attendance() == Attendance.MADE_UP && attendee.attendance() != Attendance.ABSENT
                    && attendee.attendance() != Attendance.ON_LEAVE && attendee.attendance() != Attendance.MADE_UP) {
                throw city.party.activity.config.Violations.rule("attendance.make-up-for-absentees",
                        "《中国共产党支部工作条例（试行）》第十九条（党员因故不能参加的，应当补学）",
                        "activity.make-up-needs-absence",
                        "Make-up study is recorded for members who were absent or on leave.");
            }
        }
        Instant now = clock.instant();
        for (AttendanceEntry entry : entries) {
            Attendee before = byMember.get(entry.memberId());
            String reason = entry.attendance() == Attendance.PRESENT ? null : entry.reason();
            if (before.attendance() == entry.attendance() && java.util.Objects.equals(before.reason(), reason)) {
                continue;
            }
            Attendee after = before.with(entry.attendance(), reason, "MANUAL", actor, now);
            byMember.put(entry.memberId(), after);
            raiseAttendance(after, clock);
        }
        attendees = new ArrayList<>(byMember.values());
        touch(clock);
    }

    /** A new sign-in code, valid from now for {@code validity}. */
    public SignInCode issueSignInCode(String code, Duration validity, String actor, Clock clock) {
        requireStatus("issue a sign-in code", ActivityStatus.PLANNED, ActivityStatus.HELD);
        if (signInCodes.stream().anyMatch(c -> c.code().equals(code))) {
            throw ProblemException.conflict("activity.sign-in-code-clash", "Try again.");
        }
        Instant now = clock.instant();
        SignInCode issued = new SignInCode(code, now, now.plus(validity), actor);
        signInCodes.add(issued);
        touch(clock);
        return issued;
    }

    /**
     * A member signs in with a code. Refused with a reason: unknown code, expired code, a member who
     * is not expected here (another organisation), or a second sign-in.
     */
    /**
     * Whether signing in may tell this member anything about the activity: it is their
     * organisation's, they are expected at it, or they hold one of its codes (they saw it in the
     * room). For anyone else the activity is answered as not existing, like every read outside
     * their scope — not "cancelled" or "wrong code", which would reveal it exists.
     */
    public boolean knownAtSignIn(String memberId, String memberOrganizationId, String code) {
        return organizationIds.contains(memberOrganizationId)
                || attendees.stream().anyMatch(a -> a.memberId().equals(memberId))
                || signInCodes.stream().anyMatch(c -> c.code().equals(code));
    }

    public void signIn(String memberId, String code, Clock clock) {
        if (status == ActivityStatus.CANCELLED) {
            throw ProblemException.conflict("activity.sign-in-cancelled", "The activity was cancelled.")
                    .with("reason", "CANCELLED");
        }
        if (signInFailures != null && signInFailures.getOrDefault(memberId, 0) >= MAX_SIGN_IN_FAILURES) {
            throw city.party.activity.config.Violations.rule("sign-in.attempts", null,
                    "activity.sign-in-too-many-attempts",
                    "Too many wrong codes; ask the secretary to record your attendance.")
                    .with("reason", "TOO_MANY_ATTEMPTS");
        }
        Instant now = clock.instant();
        SignInCode match = signInCodes.stream().filter(c -> c.code().equals(code)).findFirst()
                .orElseThrow(() -> city.party.activity.config.Violations.rule("sign-in.code-valid", null,
                        "activity.sign-in-code-unknown", "This sign-in code is not valid for this activity.")
                        .with("reason", "CODE_UNKNOWN"));
        if (!now.isBefore(match.expiresAt())) {
            throw city.party.activity.config.Violations.rule("sign-in.code-valid", null, "activity.sign-in-code-expired",
                    "This sign-in code expired at {0}.", match.expiresAt()).with("reason", "CODE_EXPIRED");
        }
        Attendee attendee = attendees.stream().filter(a -> a.memberId().equals(memberId)).findFirst()
                .orElseThrow(() -> city.party.activity.config.Violations.rule("sign-in.expected-attendee", null,
                        "activity.sign-in-wrong-organization",
                        "You are not a member of an organisation holding this activity.")
                        .with("reason", "NOT_EXPECTED"));
        if (attendee.attendance() == Attendance.PRESENT) {
            throw ProblemException.conflict("activity.sign-in-duplicate", "You have already signed in.")
                    .with("reason", "ALREADY_SIGNED_IN");
        }
        Attendee after = attendee.with(Attendance.PRESENT, null, "SIGN_IN", memberId, now);
        attendees.set(attendees.indexOf(attendee), after);
        touch(clock);
        if (status.tookPlace()) {
            raiseAttendance(after, clock);
        }
    }

    /**
     * Records democratic appraisal grades (民主评议党员) of expected attendees. At most
     * {@code excellentNumerator/excellentDenominator} of the appraised may be rated excellent.
     */
    public void appraise(int year, Map<String, AppraisalGrade> grades, int excellentNumerator,
            int excellentDenominator, String source, String actor, Clock clock) {
        if (!appraisal) {
            throw city.party.activity.config.Violations.rule("appraisal.kind", null, "activity.appraisal-wrong-kind",
                    "Appraisal results are recorded at a democratic appraisal.");
        }
        requireStatus("record appraisal results", ActivityStatus.HELD, ActivityStatus.RECORDED);
        Map<String, Attendee> byMember = new HashMap<>();
        attendees.forEach(a -> byMember.put(a.memberId(), a));
        for (String memberId : grades.keySet()) {
            if (!byMember.containsKey(memberId)) {
                throw city.party.activity.config.Violations.rule("appraisal.expected-attendee", null,
                        "activity.attendance-not-expected",
                        "Member {0} is not among the expected attendees of this activity.", memberId)
                        .with("memberId", memberId);
            }
        }
        Map<String, AppraisalGrade> all = new LinkedHashMap<>();
        appraisals.stream().filter(r -> r.year() == year).forEach(r -> all.put(r.memberId(), r.grade()));
        all.putAll(grades);
        long excellent = all.values().stream().filter(g -> g == AppraisalGrade.EXCELLENT).count();
        long allowed = (long) all.size() * excellentNumerator / excellentDenominator;
        if (excellent > allowed) {
            throw city.party.activity.config.Violations.rule("appraisal.excellent-share", source,
                    "activity.appraisal-too-many-excellent",
                    "At most {0} of {1} appraised members may be rated excellent; {2} were.", allowed, all.size(),
                    excellent).with("allowed", allowed);
        }
        Instant now = clock.instant();
        for (Map.Entry<String, AppraisalGrade> grade : grades.entrySet()) {
            AppraisalResult previous = appraisals.stream()
                    .filter(r -> r.year() == year && r.memberId().equals(grade.getKey())).findFirst().orElse(null);
            if (previous != null && previous.grade() == grade.getValue()) {
                continue;
            }
            if (previous != null) {
                appraisals.remove(previous);
            }
            String organizationId = byMember.get(grade.getKey()).organizationId();
            appraisals.add(new AppraisalResult(grade.getKey(), organizationId, year, grade.getValue(), actor, now));
            raise(ActivityEvents.TOPIC, ActivityEvents.APPRAISAL_RECORDED, new ActivityEvents.AppraisalRecorded(id,
                    organizationId, grade.getKey(), year, grade.getValue().name()), clock);
        }
        touch(clock);
    }

    /** The quorum of a meeting that votes; null for kinds that do not vote. */
    public Quorum quorum(String source) {
        if (!votes) {
            return null;
        }
        int voting = (int) attendees.stream().filter(Attendee::voting).count();
        int present = (int) attendees.stream().filter(a -> a.voting() && a.attendance() == Attendance.PRESENT)
                .count();
        return Quorum.of(voting, present, source);
    }

    public void rewritePaths(String oldPath, String newPath) {
        organizationPaths.replaceAll(p -> p.equals(oldPath) || p.startsWith(oldPath + "/")
                ? newPath + p.substring(oldPath.length()) : p);
    }

    private void raiseAttendance(Attendee attendee, Clock clock) {
        raise(ActivityEvents.TOPIC, ActivityEvents.ATTENDANCE_RECORDED, new ActivityEvents.AttendanceRecorded(id, kind,
                attendee.organizationId(), attendee.memberId(), attendee.attendance().name(), heldAt,
                attendee.reason()), clock);
    }

    private void requireStatus(String action, ActivityStatus... allowed) {
        for (ActivityStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw ProblemException.conflict("activity.wrong-status", "Cannot {0} an activity that is {1}.", action, status)
                .with("activityStatus", status.name());
    }

    private void touch(Clock clock) {
        updatedAt = clock.instant();
    }

    @Override
    public String getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getKindName() {
        return kindName;
    }

    public boolean isVotes() {
        return votes;
    }

    public boolean isAppraisal() {
        return appraisal;
    }

    public List<String> getOrganizationIds() {
        return List.copyOf(organizationIds);
    }

    public List<String> getOrganizationPaths() {
        return List.copyOf(organizationPaths);
    }

    public String getTopic() {
        return topic;
    }

    public Instant getStartsAt() {
        return startsAt;
    }

    public Instant getEndsAt() {
        return endsAt;
    }

    public String getPlace() {
        return place;
    }

    public ActivityStatus getStatus() {
        return status;
    }

    public Instant getHeldAt() {
        return heldAt;
    }

    public String getHeldBy() {
        return heldBy;
    }

    public List<Attendee> getAttendees() {
        return List.copyOf(attendees);
    }

    public List<RecordRevision> getRevisions() {
        return List.copyOf(revisions);
    }

    public List<SignInCode> getSignInCodes() {
        return List.copyOf(signInCodes);
    }

    public List<AppraisalResult> getAppraisals() {
        return List.copyOf(appraisals);
    }

    public String getCancelReason() {
        return cancelReason;
    }

    public String getCancelledBy() {
        return cancelledBy;
    }

    public Instant getCancelledAt() {
        return cancelledAt;
    }

    public boolean isCounted() {
        return counted;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
