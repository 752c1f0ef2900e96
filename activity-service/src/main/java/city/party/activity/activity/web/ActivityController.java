package city.party.activity.activity.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import city.party.activity.activity.application.ActivityService;
import city.party.activity.activity.domain.Activity;
import city.party.activity.activity.domain.ActivityPlan;
import city.party.activity.activity.domain.ActivityStatus;
import city.party.activity.activity.domain.AppraisalGrade;
import city.party.activity.activity.domain.AppraisalResult;
import city.party.activity.activity.domain.Attendance;
import city.party.activity.activity.domain.Attendee;
import city.party.activity.activity.domain.Quorum;
import city.party.activity.activity.domain.RecordRevision;
import city.party.activity.compliance.domain.Period;
import city.party.activity.readmodel.application.Directory;
import city.party.platform.security.CallerScope;
import city.party.platform.web.IfMatch;
import city.party.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /api/activities}: plan, hold, record and cancel activities; attendance, sign-in and
 * appraisal as sub-resources. State changes are commands ({@code POST …/hold}, {@code PUT …/record}).
 */
@RestController
@RequestMapping("/api/activities")
class ActivityController {

    private final ActivityService activities;
    private final String quorumSource;

    ActivityController(ActivityService activities,
            @Value("${activity.quorum-source:}") String quorumSource) {
        this.activities = activities;
        this.quorumSource = quorumSource;
    }

    record PlanRequest(@NotBlank @Size(max = 50) String kind,
            @NotEmpty @Size(max = 10) List<@NotBlank String> organizationIds,
            @NotBlank @Size(max = 200) String topic, @NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
            @Size(max = 200) String place) {
    }

    record ReplanRequest(@Size(min = 1, max = 200) String topic, OffsetDateTime startsAt, OffsetDateTime endsAt,
            @Size(max = 200) String place) {
    }

    record RecordRequest(@NotBlank @Size(max = 20000) String minutes, @Size(max = 500) String note) {
    }

    record CancelRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record AttendanceLine(@NotBlank String memberId, @NotNull Attendance attendance, @Size(max = 500) String reason) {
    }

    record AttendanceRequest(@NotEmpty @Size(max = 1000) List<@NotNull @Valid AttendanceLine> entries) {
    }

    record SignInCodeRequest(@Min(1) @Max(1440) Integer validMinutes) {
    }

    record SignInRequest(@NotBlank @Pattern(regexp = "[0-9]{6}") String code) {
    }

    record AppraisalLine(@NotBlank String memberId, @NotNull AppraisalGrade grade) {
    }

    record AppraisalRequest(@NotNull @Min(2000) @Max(2100) Integer year, @NotEmpty @Size(max = 1000) List<@NotNull @Valid AppraisalLine> results) {
    }

    record RecordView(int revision, String minutes, String recordedBy, Instant recordedAt) {
    }

    record ActivityView(String id, long version, String kind, String kindName, List<String> organizationIds,
            String topic, Instant startsAt, Instant endsAt, String place, ActivityStatus status, Instant heldAt,
            int expectedAttendees, RecordView record, List<RecordRevision> revisions, Quorum quorum,
            String cancelReason, String createdBy, Instant createdAt, Instant updatedAt) {

        static ActivityView of(Activity a, String quorumSource) {
            List<RecordRevision> revisions = a.getRevisions();
            RecordRevision last = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
            return new ActivityView(a.getId(), a.getVersion() == null ? 0 : a.getVersion(), a.getKind(),
                    a.getKindName(), a.getOrganizationIds(), a.getTopic(), a.getStartsAt(), a.getEndsAt(), a.getPlace(),
                    a.getStatus(), a.getHeldAt(), a.getAttendees().size(),
                    last == null ? null : new RecordView(last.number(), last.minutes(), last.recordedBy(),
                            last.recordedAt()),
                    revisions, a.quorum(quorumSource), a.getCancelReason(), a.getCreatedBy(), a.getCreatedAt(),
                    a.getUpdatedAt());
        }
    }

    record AttendanceView(String activityId, ActivityStatus status, Map<String, Long> summary, Quorum quorum,
            List<Attendee> attendees) {
    }

    record ActivityPage(List<ActivityView> content, int page, int size, long totalElements, long totalPages) {
    }

    @PostMapping
    Mono<ResponseEntity<ActivityView>> plan(@Valid @RequestBody PlanRequest request, CallerScope caller) {
        ActivityPlan plan = new ActivityPlan(request.kind(), request.organizationIds(), request.topic(),
                request.startsAt().toInstant(), request.endsAt().toInstant(), request.place());
        return activities.plan(plan, caller).map(a -> ResponseEntity.created(URI.create("/api/activities/" + a.getId()))
                .eTag(IfMatch.etag(a.getVersion())).body(ActivityView.of(a, quorumSource)));
    }

    /**
     * @param organizationId activities organised within this organisation's subtree
     * @param period         activities starting in this month / quarter / half / year (Asia/Shanghai)
     */
    @GetMapping
    Mono<ActivityPage> search(@RequestParam(required = false) String organizationId,
            @RequestParam(required = false) String kind, @RequestParam(required = false) ActivityStatus status,
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, CallerScope caller) {
        Instant from = null;
        Instant to = null;
        if (period != null) {
            Period p = Period.parse(period);
            from = p.start().atStartOfDay(Directory.CITY_ZONE).toInstant();
            to = p.end().atStartOfDay(Directory.CITY_ZONE).toInstant();
        }
        ActivityService.Search search = new ActivityService.Search(organizationId, kind, status, from, to, page, size);
        return activities.search(search, caller).map(r -> new ActivityPage(r.content().stream()
                .map(a -> ActivityView.of(a, quorumSource)).toList(), page, size, r.totalElements(),
                (r.totalElements() + size - 1) / size));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ActivityView>> get(@PathVariable String id, CallerScope caller) {
        return activities.get(id, caller).map(this::ok);
    }

    /** Changes a planned activity (topic, time, place); {@code If-Match} carries the version seen. */
    @org.springframework.web.bind.annotation.PatchMapping("/{id}")
    Mono<ResponseEntity<ActivityView>> replan(@PathVariable String id,
            @org.springframework.web.bind.annotation.RequestHeader("If-Match") String ifMatch,
            @Valid @RequestBody ReplanRequest request, CallerScope caller) {
        return activities.replan(id, IfMatch.version(ifMatch), request.topic(),
                request.startsAt() == null ? null : request.startsAt().toInstant(),
                request.endsAt() == null ? null : request.endsAt().toInstant(), request.place(), caller).map(this::ok);
    }

    @PostMapping("/{id}/hold")
    Mono<ResponseEntity<ActivityView>> hold(@PathVariable String id, CallerScope caller) {
        return activities.hold(id, caller).map(this::ok);
    }

    /** Writes or edits the record (纪实); every edit is kept as a revision with who and when. */
    @PutMapping("/{id}/record")
    Mono<ResponseEntity<ActivityView>> record(@PathVariable String id, @Valid @RequestBody RecordRequest request,
            CallerScope caller) {
        return activities.record(id, request.minutes(), request.note(), caller).map(this::ok);
    }

    @PostMapping("/{id}/cancel")
    Mono<ResponseEntity<ActivityView>> cancel(@PathVariable String id, @Valid @RequestBody CancelRequest request,
            CallerScope caller) {
        return activities.cancel(id, request.reason(), caller).map(this::ok);
    }

    /** The attendance list with the quorum; a member sees only their own line. */
    @GetMapping("/{id}/attendance")
    Mono<AttendanceView> attendance(@PathVariable String id, CallerScope caller) {
        boolean administrator = caller.seesWholeCity() || !caller.administeredPaths().isEmpty();
        return activities.get(id, caller).flatMap(a -> administrator ? Mono.just(attendanceView(a, a.getAttendees()))
                : activities.ownLine(a, caller).map(lines -> attendanceView(a, lines)));
    }

    @PutMapping("/{id}/attendance")
    Mono<AttendanceView> recordAttendance(@PathVariable String id, @Valid @RequestBody AttendanceRequest request,
            CallerScope caller) {
        return activities.recordAttendance(id, request.entries().stream().map(e -> new Activity.AttendanceEntry(
                e.memberId(), e.attendance(), e.reason())).toList(), caller)
                .map(a -> attendanceView(a, a.getAttendees()));
    }

    @PostMapping("/{id}/sign-in-codes")
    Mono<ResponseEntity<Map<String, Object>>> issueCode(@PathVariable String id,
            @Valid @RequestBody(required = false) SignInCodeRequest request, CallerScope caller) {
        Duration validity = request == null || request.validMinutes() == null ? null
                : Duration.ofMinutes(request.validMinutes());
        return activities.issueSignInCode(id, validity, caller).map(code -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code.code());
            body.put("issuedAt", code.issuedAt());
            body.put("expiresAt", code.expiresAt());
            return ResponseEntity.status(201).body(body);
        });
    }

    /** A member signs in with the code shown at the meeting. */
    @PostMapping("/{id}/sign-in")
    Mono<Map<String, Object>> signIn(@PathVariable String id, @Valid @RequestBody SignInRequest request,
            CallerScope caller) {
        return activities.signIn(id, request.code(), caller).map(a -> Map.of("activityId", a.getId(), "attendance",
                Attendance.PRESENT.name()));
    }

    /** Democratic appraisal grades (民主评议党员), at most a third excellent. */
    @PutMapping("/{id}/appraisals")
    Mono<List<AppraisalResult>> appraise(@PathVariable String id, @Valid @RequestBody AppraisalRequest request,
            CallerScope caller) {
        Map<String, AppraisalGrade> grades = new LinkedHashMap<>();
        for (AppraisalLine line : request.results()) {
            if (grades.put(line.memberId(), line.grade()) != null) {
                throw city.party.activity.config.Violations.rule("appraisal.once-per-member", null,
                        "activity.attendance-duplicate", "Member {0} is listed twice.", line.memberId());
            }
        }
        return activities.appraise(id, request.year(), grades, caller).map(Activity::getAppraisals);
    }

    @GetMapping("/{id}/appraisals")
    Mono<List<AppraisalResult>> appraisals(@PathVariable String id, CallerScope caller) {
        return activities.get(id, caller).map(Activity::getAppraisals);
    }

    /** The caller's own attendance across activities (member role). */
    @GetMapping("/attendance/mine")
    Mono<List<ActivityService.MyAttendance>> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size, CallerScope caller) {
        return activities.myAttendance(caller, page, size).collectList();
    }

    private AttendanceView attendanceView(Activity a, List<Attendee> lines) {
        Map<String, Long> summary = new LinkedHashMap<>();
        summary.put("expected", (long) a.getAttendees().size());
        for (Attendance value : Attendance.values()) {
            summary.put(value.name(), a.getAttendees().stream().filter(x -> x.attendance() == value).count());
        }
        summary.put("UNRECORDED", a.getAttendees().stream().filter(x -> x.attendance() == null).count());
        return new AttendanceView(a.getId(), a.getStatus(), summary, a.quorum(quorumSource), lines);
    }

    private ResponseEntity<ActivityView> ok(Activity a) {
        return ResponseEntity.ok().eTag(IfMatch.etag(a.getVersion())).body(ActivityView.of(a, quorumSource));
    }
}
