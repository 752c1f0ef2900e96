package city.party.activity.activity.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import city.party.activity.activity.domain.Activity.AttendanceEntry;
import city.party.activity.kind.ActivityKind;
import city.party.platform.events.PendingEvent;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityTest {

    static final Instant START = Instant.parse("2026-11-20T01:00:00Z");
    static final Clock LATER = Clock.fixed(START.plusSeconds(600), ZoneOffset.UTC);
    static final ActivityKind GENERAL = new ActivityKind("branch-general-meeting", "支部党员大会", null, true, false,
            true, "c", START);
    static final ActivityKind APPRAISAL = new ActivityKind("democratic-appraisal", "民主评议党员", null, false, true,
            true, "c", START);

    static List<Attendee> attendees(int voting, int probationary) {
        List<Attendee> list = new ArrayList<>();
        for (int i = 0; i < voting; i++) {
            list.add(new Attendee("v" + i, "正式" + i, "branch-a1", true, null, null, null, null, null));
        }
        for (int i = 0; i < probationary; i++) {
            list.add(new Attendee("p" + i, "预备" + i, "branch-a1", false, null, null, null, null, null));
        }
        return list;
    }

    static Activity planned(ActivityKind kind, List<Attendee> attendees) {
        return Activity.plan(new ActivityPlan(kind.code(), List.of("branch-a1"), "学习党章", START,
                START.plusSeconds(7200), "会议室"), kind, List.of(new Activity.Organiser("branch-a1",
                        "/city/unit-a/branch-a1")), attendees, "secretary-a", Clock.fixed(START.minusSeconds(86400),
                                ZoneOffset.UTC));
    }

    static Activity held(ActivityKind kind, List<Attendee> attendees) {
        Activity a = planned(kind, attendees);
        a.hold(attendees, "secretary-a", LATER);
        return a;
    }

    static ProblemType type(Runnable command) {
        try {
            command.run();
        }
        catch (ProblemException e) {
            return e.type();
        }
        throw new AssertionError("no problem raised");
    }

    @Test
    void anActivityMustEndAfterItStarts() {
        assertThatThrownBy(() -> Activity.plan(new ActivityPlan("party-lesson", List.of("b"), "t", START, START, null),
                GENERAL, List.of(new Activity.Organiser("b", "/city/b")), List.of(), "s", LATER))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).type()).isEqualTo(ProblemType.VALIDATION_FAILED));
    }

    @Test
    void planHoldRecordKeepsEveryRevisionOfTheRecord() {
        Activity a = held(GENERAL, attendees(3, 0));
        assertThat(a.getStatus()).isEqualTo(ActivityStatus.HELD);
        assertThat(a.getHeldAt()).isEqualTo(START);
        a.record("第一稿", null, "secretary-a", LATER);
        a.record("修订稿", "补充决议", "committee", Clock.offset(LATER, Duration.ofDays(1)));
        assertThat(a.getStatus()).isEqualTo(ActivityStatus.RECORDED);
        assertThat(a.getRevisions()).extracting(RecordRevision::minutes).containsExactly("第一稿", "修订稿");
        assertThat(a.getRevisions()).extracting(RecordRevision::recordedBy).containsExactly("secretary-a",
                "committee");
        assertThat(a.getOutbox()).extracting(PendingEvent::type).containsExactly("party.activity.held.v1",
                "party.activity.recorded.v1", "party.activity.recorded.v1");
    }

    @Test
    void anActivityCannotBeHeldBeforeItStartsNorTwice() {
        Activity a = planned(GENERAL, attendees(1, 0));
        assertThat(type(() -> a.hold(List.of(), "s", Clock.fixed(START.minusSeconds(1), ZoneOffset.UTC))))
                .isEqualTo(ProblemType.RULE_VIOLATION);
        a.hold(List.of(), "s", LATER);
        assertThat(type(() -> a.hold(List.of(), "s", LATER))).isEqualTo(ProblemType.CONFLICT);
        assertThat(type(() -> planned(GENERAL, List.of()).record("x", null, "s", LATER)))
                .as("no record before it was held").isEqualTo(ProblemType.CONFLICT);
    }

    @Test
    void quorumNeedsMoreThanHalfOfTheVotingMembersPresent() {
        Activity a = held(GENERAL, attendees(6, 2));
        a.recordAttendance(List.of(new AttendanceEntry("v0", Attendance.PRESENT, null),
                new AttendanceEntry("v1", Attendance.PRESENT, null), new AttendanceEntry("v2", Attendance.PRESENT, null),
                new AttendanceEntry("p0", Attendance.PRESENT, null), new AttendanceEntry("p1", Attendance.PRESENT, null)),
                "s", LATER);
        Quorum quorum = a.quorum("§");
        assertThat(quorum.votingMembers()).isEqualTo(6);
        assertThat(quorum.required()).isEqualTo(4);
        assertThat(quorum.met()).as("3 of 6 is only half; probationary members do not vote").isFalse();
        a.recordAttendance(List.of(new AttendanceEntry("v3", Attendance.PRESENT, null)), "s", LATER);
        assertThat(a.quorum("§").met()).isTrue();
        assertThat(Quorum.of(7, 4, null).met()).isTrue();
        assertThat(Quorum.of(7, 3, null).met()).isFalse();
        assertThat(Quorum.of(0, 0, null).met()).isFalse();
        assertThat(planned(APPRAISAL, List.of()).quorum("§")).as("kinds that do not vote").isNull();
    }

    @Test
    void attendanceIsOnlyForExpectedAttendeesAndNothingIsHalfWritten() {
        Activity a = held(GENERAL, attendees(2, 0));
        int events = a.getOutbox().size();
        assertThat(type(() -> a.recordAttendance(List.of(new AttendanceEntry("v0", Attendance.PRESENT, null),
                new AttendanceEntry("stranger", Attendance.PRESENT, null)), "s", LATER)))
                .isEqualTo(ProblemType.RULE_VIOLATION);
        assertThat(a.getAttendees()).allMatch(x -> x.attendance() == null);
        assertThat(a.getOutbox()).hasSize(events);
        assertThat(type(() -> a.recordAttendance(List.of(new AttendanceEntry("v0", Attendance.ON_LEAVE, " ")), "s",
                LATER))).isEqualTo(ProblemType.VALIDATION_FAILED);
    }

    @Test
    void makeUpStudyIsForAbsenteesAndEachChangeIsAnnounced() {
        Activity a = held(GENERAL, attendees(2, 0));
        assertThat(type(() -> a.recordAttendance(List.of(new AttendanceEntry("v0", Attendance.MADE_UP, null)), "s",
                LATER))).isEqualTo(ProblemType.RULE_VIOLATION);
        a.recordAttendance(List.of(new AttendanceEntry("v0", Attendance.ABSENT, null),
                new AttendanceEntry("v1", Attendance.ON_LEAVE, "出差")), "s", LATER);
        a.recordAttendance(List.of(new AttendanceEntry("v0", Attendance.MADE_UP, "补学"),
                new AttendanceEntry("v1", Attendance.ON_LEAVE, "出差")), "s", LATER);
        assertThat(a.getOutbox()).filteredOn(e -> e.type().equals("party.activity.attendance-recorded.v1"))
                .hasSize(3);
    }

    @Test
    void signInCodesAreRefusedWithAReason() {
        Activity a = planned(GENERAL, attendees(2, 0));
        Clock issueTime = Clock.fixed(START, ZoneOffset.UTC);
        a.issueSignInCode("123456", Duration.ofMinutes(15), "secretary-a", issueTime);
        Map<String, Object> reasons = new LinkedHashMap<>();
        for (Object[] attempt : new Object[][] { { "v0", "654321", issueTime }, { "stranger", "123456", issueTime },
                { "v0", "123456", Clock.offset(issueTime, Duration.ofMinutes(15)) } }) {
            try {
                a.signIn((String) attempt[0], (String) attempt[1], (Clock) attempt[2]);
            }
            catch (ProblemException e) {
                reasons.put(attempt[0] + "/" + attempt[1], e.properties().get("reason"));
            }
        }
        assertThat(reasons.values()).containsExactly("CODE_UNKNOWN", "NOT_EXPECTED", "CODE_EXPIRED");
        a.signIn("v0", "123456", Clock.offset(issueTime, Duration.ofMinutes(14)));
        assertThat(a.getAttendees().get(0).attendance()).isEqualTo(Attendance.PRESENT);
        assertThat(a.getAttendees().get(0).via()).isEqualTo("SIGN_IN");
        ProblemException again = catchProblem(() -> a.signIn("v0", "123456", issueTime));
        assertThat(again.type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(again.properties()).containsEntry("reason", "ALREADY_SIGNED_IN");
        assertThat(a.getOutbox()).as("attendance is announced once the activity is held").isEmpty();
        a.hold(a.getAttendees(), "s", LATER);
        assertThat(a.getOutbox()).extracting(PendingEvent::type).containsExactly("party.activity.held.v1",
                "party.activity.attendance-recorded.v1");
    }

    @Test
    void onlyItsOwnMembersOrSomeoneHoldingACodeLearnAboutAnActivityAtSignIn() {
        Activity a = planned(GENERAL, attendees(1, 0));
        a.issueSignInCode("123456", Duration.ofMinutes(15), "s", Clock.fixed(START, ZoneOffset.UTC));
        assertThat(a.knownAtSignIn("v0", "elsewhere", "000000")).as("an expected attendee").isTrue();
        assertThat(a.knownAtSignIn("stranger", a.getOrganizationIds().get(0), "000000")).as("organiser's member")
                .isTrue();
        assertThat(a.knownAtSignIn("stranger", "elsewhere", "123456")).as("holds the code").isTrue();
        assertThat(a.knownAtSignIn("stranger", "elsewhere", "000000")).as("a stranger guessing").isFalse();
    }

    @Test
    void guessingCodesIsStoppedAfterFiveWrongOnes() {
        Activity a = planned(GENERAL, attendees(1, 0));
        a.issueSignInCode("123456", Duration.ofMinutes(15), "s", Clock.fixed(START, ZoneOffset.UTC));
        org.springframework.test.util.ReflectionTestUtils.setField(a, "signInFailures",
                new java.util.HashMap<>(Map.of("v0", Activity.MAX_SIGN_IN_FAILURES)));
        assertThat(catchProblem(() -> a.signIn("v0", "123456", Clock.fixed(START, ZoneOffset.UTC))).properties())
                .containsEntry("reason", "TOO_MANY_ATTEMPTS");
    }

    @Test
    void holdingTakesExpectedAttendeesAgainAndKeepsWhatWasRecorded() {
        Activity a = planned(GENERAL, attendees(2, 0));
        a.issueSignInCode("111111", Duration.ofMinutes(15), "s", Clock.fixed(START, ZoneOffset.UTC));
        a.signIn("v0", "111111", Clock.fixed(START, ZoneOffset.UTC));
        List<Attendee> now = new ArrayList<>(attendees(1, 0));
        now.add(new Attendee("newcomer", "新转入", "branch-a1", true, null, null, null, null, null));
        a.hold(now, "s", LATER);
        assertThat(a.getAttendees()).extracting(Attendee::memberId).containsExactly("v0", "newcomer");
        assertThat(a.getAttendees().get(0).attendance()).isEqualTo(Attendance.PRESENT);
    }

    @Test
    void atMostAThirdOfTheAppraisedMayBeExcellent() {
        Activity a = held(APPRAISAL, attendees(7, 0));
        Map<String, AppraisalGrade> grades = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            grades.put("v" + i, i < 3 ? AppraisalGrade.EXCELLENT : AppraisalGrade.QUALIFIED);
        }
        ProblemException tooMany = catchProblem(() -> a.appraise(2026, grades, 1, 3, "意见", "s", LATER));
        assertThat(tooMany.type()).isEqualTo(ProblemType.RULE_VIOLATION);
        assertThat(tooMany.properties()).containsEntry("allowed", 2L).containsEntry("source", "意见");
        assertThat(a.getAppraisals()).isEmpty();
        grades.put("v2", AppraisalGrade.BASICALLY_QUALIFIED);
        a.appraise(2026, grades, 1, 3, "意见", "s", LATER);
        assertThat(a.getAppraisals()).hasSize(7);
        assertThat(a.getOutbox()).filteredOn(e -> e.type().equals("party.activity.appraisal-recorded.v1"))
                .hasSize(7);
        assertThat(type(() -> held(GENERAL, attendees(3, 0)).appraise(2026, Map.of("v0", AppraisalGrade.QUALIFIED),
                1, 3, null, "s", LATER))).as("only at a democratic appraisal").isEqualTo(ProblemType.RULE_VIOLATION);
        assertThat(type(() -> a.appraise(2026, Map.of("stranger", AppraisalGrade.QUALIFIED), 1, 3, null, "s", LATER)))
                .isEqualTo(ProblemType.RULE_VIOLATION);
    }

    @Test
    void cancellingAHeldActivityTellsConsumersItNoLongerCounts() {
        Activity a = held(GENERAL, attendees(1, 0));
        a.cancel("误登记", "secretary-a", LATER);
        assertThat(a.getStatus()).isEqualTo(ActivityStatus.CANCELLED);
        assertThat(a.getOutbox().get(a.getOutbox().size() - 1).data()).contains("\"wasHeld\":true");
        assertThat(type(() -> a.cancel("again", "s", LATER))).isEqualTo(ProblemType.CONFLICT);
    }

    static ProblemException catchProblem(Runnable command) {
        try {
            command.run();
        }
        catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("no problem raised");
    }
}
