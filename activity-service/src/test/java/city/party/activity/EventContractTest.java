package city.party.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import city.party.activity.activity.domain.Activity;
import city.party.activity.activity.domain.ActivityPlan;
import city.party.activity.activity.domain.AppraisalGrade;
import city.party.activity.activity.domain.Attendance;
import city.party.activity.activity.domain.Attendee;
import city.party.activity.compliance.domain.OverdueNotice;
import city.party.activity.kind.ActivityKind;
import city.party.platform.events.PendingEvent;
import city.party.platform.test.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Producer side of the contract with honor-service: what the aggregates raise matches the
 * published schemas, including the exact field names agreed for held, attendance, appraisal and
 * overdue events.
 */
class EventContractTest {

    static final Instant START = Instant.parse("2026-11-20T01:00:00Z");
    static final Clock CLOCK = Clock.fixed(START.plus(Duration.ofHours(3)), ZoneOffset.UTC);

    @Test
    void activityEventsMatchTheirSchemas() {
        ActivityKind kind = new ActivityKind("democratic-appraisal", "民主评议党员", null, false, true, true, "c", START);
        List<Attendee> attendees = List.of(new Attendee("m1", "王芳", "branch-a1", true, null, null, null, null, null),
                new Attendee("m2", "陈明", "branch-a1", true, null, null, null, null, null),
                new Attendee("m3", "李四", "branch-a1", false, null, null, null, null, null));
        Activity activity = Activity.plan(new ActivityPlan(kind.code(), List.of("branch-a1"), "2026年度民主评议", START,
                START.plus(Duration.ofHours(2)), "会议室"), kind, List.of(new Activity.Organiser("branch-a1",
                        "/city/unit-a/branch-a1")), attendees, "secretary-a", CLOCK);
        activity.hold(attendees, "secretary-a", CLOCK);
        activity.recordAttendance(List.of(new Activity.AttendanceEntry("m1", Attendance.PRESENT, null),
                new Activity.AttendanceEntry("m2", Attendance.ON_LEAVE, "出差"),
                new Activity.AttendanceEntry("m3", Attendance.ABSENT, null)), "secretary-a", CLOCK);
        activity.appraise(2026, Map.of("m1", AppraisalGrade.EXCELLENT, "m2", AppraisalGrade.QUALIFIED, "m3",
                AppraisalGrade.BASICALLY_QUALIFIED), 1, 3, "source", "secretary-a", CLOCK);
        activity.record("纪要", null, "secretary-a", CLOCK);
        activity.cancel("误登记", "secretary-a", CLOCK);
        OverdueNotice notice = OverdueNotice.detected("branch-a1", "第一支部", "/city/unit-a/branch-a1",
                "branch-committee-meeting", "2026-10", 1, 0, LocalDate.of(2026, 10, 31), "v1", "§19", CLOCK);
        List<PendingEvent> events = new ArrayList<>(activity.getOutbox());
        events.addAll(notice.getOutbox());
        assertThat(events).extracting(PendingEvent::type).containsOnly("party.activity.held.v1",
                "party.activity.attendance-recorded.v1", "party.activity.appraisal-recorded.v1",
                "party.activity.recorded.v1", "party.activity.cancelled.v1", "party.activity.compliance-overdue.v1");
        assertThat(events).extracting(PendingEvent::subject).contains(activity.getId());
        events.forEach(event -> EventContract.assertConforms(event.type(), event.data()));
        assertThat(events.get(0).data()).contains("\"kind\":\"democratic-appraisal\"")
                .contains("\"organizationIds\":[\"branch-a1\"]").contains("\"heldAt\":\"2026-11-20T01:00:00Z\"");
        assertThat(notice.getOutbox().get(0).data()).contains("\"dueOn\":\"2026-10-31\"")
                .contains("\"period\":\"2026-10\"");
    }

    @Test
    void theSchemasCatchABrokenEvent() {
        assertThatThrownBy(() -> EventContract.assertConforms("party.activity.attendance-recorded.v1",
                "{\"activityId\":\"a\",\"kind\":\"k\",\"organizationId\":\"o\",\"memberId\":\"m\","
                        + "\"attendance\":\"LATE\",\"heldAt\":\"2026-11-20T01:00:00Z\"}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> EventContract.assertConforms("party.activity.held.v1",
                "{\"activityId\":\"a\",\"kind\":\"k\",\"organizationIds\":[],\"heldAt\":\"2026-11-20T01:00:00Z\","
                        + "\"topic\":\"t\"}")).isInstanceOf(AssertionError.class);
    }
}
