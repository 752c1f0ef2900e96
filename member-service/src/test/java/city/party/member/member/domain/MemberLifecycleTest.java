package city.party.member.member.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.junit.jupiter.api.Test;

import static city.party.member.member.domain.ConfiguredRules.RULES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberLifecycleTest {

    private static final String ID_NUMBER = "11010519491231002X";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);

    private static MemberRegistration applicant(LocalDate appliedOn) {
        return new MemberRegistration("张三", null, "汉族", "北京", null, ID_NUMBER, "本科", "branch-a1",
                LifecycleStage.APPLICANT, appliedOn, null, null, null, null, null, null, null, null, null);
    }

    private static Member activistSince(LocalDate since) {
        Member member = Member.register(applicant(since.minusMonths(2)), RULES, "secretary-a", CLOCK);
        member.advance(change(LifecycleStage.ACTIVIST, since), RULES, "secretary-a", CLOCK);
        return member;
    }

    private static StageChange change(LifecycleStage to, LocalDate on) {
        return new StageChange(to, on, "branch decision", null, null, null, false, null);
    }

    private static StageChange toCandidate(LocalDate on, int days, int hours, List<String> introducers,
            boolean introducersFull) {
        return new StageChange(LifecycleStage.CANDIDATE, on, "listed", days, hours, introducers, introducersFull, null);
    }

    private static ProblemException problem(Runnable action) {
        try {
            action.run();
        }
        catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void registrationDerivesBirthDateAndGenderFromTheIdNumberAndRaisesAnEventWithoutIt() {
        Member member = Member.register(applicant(TODAY.minusDays(3)), RULES, "secretary-a", CLOCK);
        assertThat(member.getBirthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(member.getGender()).isEqualTo(Gender.FEMALE);
        assertThat(member.getOutbox()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("party.member.registered.v1");
            assertThat(event.data()).contains("\"stage\":\"APPLICANT\"").doesNotContain(ID_NUMBER)
                    .doesNotContain("1949");
        });
    }

    @Test
    void registrationRejectsAnInconsistentGenderOrMissingStageDates() {
        MemberRegistration wrongGender = new MemberRegistration("张三", Gender.MALE, null, null, null, ID_NUMBER, null,
                "branch-a1", LifecycleStage.APPLICANT, TODAY, null, null, null, null, null, null, null, null, null);
        assertThat(problem(() -> Member.register(wrongGender, RULES, "a", CLOCK)).type())
                .isEqualTo(ProblemType.VALIDATION_FAILED);
        MemberRegistration fullWithoutDates = new MemberRegistration("张三", null, null, null, null, ID_NUMBER, null,
                "branch-a1", LifecycleStage.FULL, null, null, null, null, null, null, null, null, null, null);
        assertThat(problem(() -> Member.register(fullWithoutDates, RULES, "a", CLOCK)).type())
                .isEqualTo(ProblemType.VALIDATION_FAILED);
    }

    @Test
    void anExistingFullMemberMustHaveServedTheProbation() {
        MemberRegistration tooEarly = new MemberRegistration("张三", null, null, null, null, ID_NUMBER, null,
                "branch-a1", LifecycleStage.FULL, null, null, null, LocalDate.of(2020, 7, 1),
                LocalDate.of(2021, 6, 30), null, null, null, null, null);
        assertThat(problem(() -> Member.register(tooEarly, RULES, "a", CLOCK)).properties())
                .containsEntry("rule", "lifecycle.probation");
        MemberRegistration onTime = new MemberRegistration("张三", null, null, null, null, ID_NUMBER, null,
                "branch-a1", LifecycleStage.FULL, null, null, null, LocalDate.of(2020, 7, 1),
                LocalDate.of(2021, 7, 1), null, null, null, null, null);
        assertThat(Member.register(onTime, RULES, "a", CLOCK).getStage()).isEqualTo(LifecycleStage.FULL);
    }

    @Test
    void stagesCannotBeSkipped() {
        Member member = Member.register(applicant(TODAY.minusDays(30)), RULES, "a", CLOCK);
        ProblemException skipped = problem(() -> member.advance(change(LifecycleStage.CANDIDATE, TODAY), RULES, "a",
                CLOCK));
        assertThat(skipped.type()).isEqualTo(ProblemType.RULE_VIOLATION);
        assertThat(skipped.properties()).containsEntry("rule", "lifecycle.order");
    }

    @Test
    void candidateOnlyAfterAFullYearAsActivistToTheDay() {
        Member member = activistSince(LocalDate.of(2025, 11, 27));
        ProblemException early = problem(() -> member.advance(toCandidate(TODAY, 3, 0, List.of("m1", "m2"), true),
                RULES, "a", CLOCK));
        assertThat(early.properties()).containsEntry("rule", "lifecycle.activist-min-duration")
                .containsEntry("source", RULES.source(LifecycleRules.ACTIVIST_MIN_DURATION))
                .containsEntry("rulesVersion", RULES.version());

        Member exactlyAYear = activistSince(LocalDate.of(2025, 11, 26));
        exactlyAYear.advance(toCandidate(TODAY, 3, 0, List.of("m1", "m2"), true), RULES, "a", CLOCK);
        assertThat(exactlyAYear.getStage()).isEqualTo(LifecycleStage.CANDIDATE);
    }

    @Test
    void candidateNeedsTheShortCourseInDaysOrHours() {
        Member byHours = activistSince(LocalDate.of(2024, 1, 1));
        byHours.advance(toCandidate(TODAY, 0, 24, List.of("m1", "m2"), true), RULES, "a", CLOCK);
        assertThat(byHours.getStage()).isEqualTo(LifecycleStage.CANDIDATE);

        Member neither = activistSince(LocalDate.of(2024, 1, 1));
        assertThat(problem(() -> neither.advance(toCandidate(TODAY, 2, 23, List.of("m1", "m2"), true), RULES, "a",
                CLOCK)).properties()).containsEntry("rule", "lifecycle.candidate-min-training-days");
    }

    @Test
    void candidateNeedsTwoDistinctFullMembersAsIntroducers() {
        for (List<String> introducers : List.of(List.of("m1"), List.of("m1", "m1"), List.of("m1", "m2", "m3"))) {
            Member member = activistSince(LocalDate.of(2024, 1, 1));
            assertThat(problem(() -> member.advance(toCandidate(TODAY, 3, 0, introducers, true), RULES, "a", CLOCK))
                    .properties()).containsEntry("rule", "lifecycle.introducers");
        }
        Member notFull = activistSince(LocalDate.of(2024, 1, 1));
        assertThat(problem(() -> notFull.advance(toCandidate(TODAY, 3, 0, List.of("m1", "m2"), false), RULES, "a",
                CLOCK)).properties()).containsEntry("rule", "lifecycle.introducers");
    }

    private static Member probationarySince(LocalDate vote) {
        Member member = activistSince(vote.minusYears(2));
        member.advance(toCandidate(vote.minusMonths(6), 3, 0, List.of("m1", "m2"), true), RULES, "a", CLOCK);
        member.advance(new StageChange(LifecycleStage.PROBATIONARY, vote, "vote", null, null, null, false,
                vote.plusMonths(1)), RULES, "a", CLOCK);
        return member;
    }

    @Test
    void probationaryNeedsApprovalWithinThreeMonthsOfTheVote() {
        Member member = activistSince(LocalDate.of(2023, 1, 1));
        member.advance(toCandidate(LocalDate.of(2025, 1, 1), 3, 0, List.of("m1", "m2"), true), RULES, "a", CLOCK);
        LocalDate vote = LocalDate.of(2025, 6, 1);
        ProblemException late = problem(() -> member.advance(new StageChange(LifecycleStage.PROBATIONARY, vote, "vote",
                null, null, null, false, LocalDate.of(2025, 9, 2)), RULES, "a", CLOCK));
        assertThat(late.properties()).containsEntry("rule", "lifecycle.approval-max-delay");
        member.advance(new StageChange(LifecycleStage.PROBATIONARY, vote, "vote", null, null, null, false,
                LocalDate.of(2025, 9, 1)), RULES, "a", CLOCK);
        assertThat(member.getJoinedPartyOn()).isEqualTo(vote);
    }

    @Test
    void conversionAfterOneYearFromTheVoteOrAfterTheExtension() {
        Member member = probationarySince(LocalDate.of(2025, 11, 27));
        assertThat(problem(() -> member.advance(change(LifecycleStage.FULL, TODAY), RULES, "a", CLOCK)).properties())
                .containsEntry("rule", "lifecycle.probation");

        Member extended = probationarySince(LocalDate.of(2025, 5, 1));
        extended.extendProbation(6, "needs more observation", RULES, "a", CLOCK);
        assertThat(extended.probationEnds(RULES)).isEqualTo(LocalDate.of(2026, 11, 1));
        extended.advance(change(LifecycleStage.FULL, TODAY), RULES, "a", CLOCK);
        assertThat(extended.getStage()).isEqualTo(LifecycleStage.FULL);
        assertThat(extended.getFullMemberOn()).isEqualTo(TODAY);
    }

    @Test
    void probationIsExtendedOnceBySixToTwelveMonths() {
        Member member = probationarySince(LocalDate.of(2026, 3, 1));
        assertThat(problem(() -> member.extendProbation(5, "x", RULES, "a", CLOCK)).properties())
                .containsEntry("rule", "lifecycle.probation-extension-min");
        assertThat(problem(() -> member.extendProbation(13, "x", RULES, "a", CLOCK)).type())
                .isEqualTo(ProblemType.RULE_VIOLATION);
        member.extendProbation(12, "x", RULES, "a", CLOCK);
        assertThat(problem(() -> member.extendProbation(6, "again", RULES, "a", CLOCK)).properties())
                .containsEntry("rule", "lifecycle.probation-extension-max");
    }

    @Test
    void everyStepIsRecordedWithWhoWhenWhyAndTheRulesVersion() {
        Member member = activistSince(LocalDate.of(2024, 1, 1));
        assertThat(member.getTransitions()).singleElement().satisfies(step -> {
            assertThat(step.from()).isEqualTo(LifecycleStage.APPLICANT);
            assertThat(step.to()).isEqualTo(LifecycleStage.ACTIVIST);
            assertThat(step.recordedBy()).isEqualTo("secretary-a");
            assertThat(step.reason()).isEqualTo("branch decision");
            assertThat(step.rulesVersion()).isEqualTo(RULES.version());
        });
        assertThat(member.getOutbox()).extracting(e -> e.type())
                .containsExactly("party.member.registered.v1", "party.member.stage-changed.v1");
    }

    @Test
    void datesInTheFutureInTheCitysZoneAreRefused() {
        Member member = Member.register(applicant(TODAY.minusDays(10)), RULES, "a", CLOCK);
        assertThat(problem(() -> member.advance(change(LifecycleStage.ACTIVIST, TODAY.plusDays(1)), RULES, "a", CLOCK))
                .type()).isEqualTo(ProblemType.VALIDATION_FAILED);
    }
}
