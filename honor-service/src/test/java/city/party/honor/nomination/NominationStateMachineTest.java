package city.party.honor.nomination;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import city.party.honor.Fixtures;
import city.party.honor.MutableClock;
import city.party.honor.nomination.domain.EligibilityCheck;
import city.party.honor.nomination.domain.Nomination;
import city.party.honor.nomination.domain.NominationState;
import city.party.honor.nomination.domain.Nominee;
import city.party.honor.nomination.domain.NomineeType;
import city.party.honor.nomination.domain.Objection;
import city.party.honor.nomination.domain.Review;
import city.party.honor.program.domain.HonorProgram;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static city.party.honor.Fixtures.COMMITTEE;
import static city.party.honor.Fixtures.UNIT_A_SECRETARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nomination's states and every transition that is not allowed from each of them. */
class NominationStateMachineTest {

    final MutableClock clock = new MutableClock(Fixtures.IN_WINDOW);
    final HonorProgram program = Fixtures.program(clock);

    Nomination submitted() {
        return Nomination.submit(program, "outstanding-member", Fixtures.memberA(), Fixtures.DEEDS,
                Fixtures.eligible(), "secretary-a", clock);
    }

    /** A nomination driven by legal steps into {@code state}. */
    Nomination in(NominationState state) {
        clock.set(Fixtures.IN_WINDOW);
        Nomination n = submitted();
        switch (state) {
            case SUBMITTED -> { }
            case REJECTED -> n.review(Review.Decision.REJECT, "材料不实", UNIT_A_SECRETARY, program, clock);
            default -> {
                n.review(Review.Decision.APPROVE, "同意", UNIT_A_SECRETARY, program, clock);
                if (state == NominationState.UNIT_APPROVED) {
                    break;
                }
                n.review(Review.Decision.APPROVE, "同意", COMMITTEE, program, clock);
                if (state == NominationState.COMMITTEE_APPROVED) {
                    break;
                }
                n.startNotice("notice-1", clock.instant(), clock.instant().plus(Duration.ofDays(7)));
                if (state == NominationState.IN_NOTICE) {
                    break;
                }
                clock.advance(Duration.ofDays(8));
                n.approve(clock);
            }
        }
        assertThat(n.getState()).isEqualTo(state);
        return n;
    }

    /** Every command, as it would be attempted on a nomination in any state. */
    Map<String, Consumer<Nomination>> commands() {
        return Map.of(
                "unit review", n -> n.review(Review.Decision.APPROVE, "x", UNIT_A_SECRETARY, program, clock),
                "committee review", n -> n.review(Review.Decision.APPROVE, "x", COMMITTEE, program, clock),
                "start notice", n -> n.startNotice("notice-2", clock.instant(), clock.instant().plus(Duration.ofDays(7))),
                "lodge objection", n -> n.lodgeObjection("有异议", null, clock),
                "resolve objection", n -> n.resolveObjection("none", Objection.Status.DISMISSED, "x", "committee", clock),
                "approve", n -> n.approve(clock),
                "attach photo", n -> n.attachPhoto(new city.party.honor.nomination.domain.PhotoRef("p", "image/png", 1,
                        "secretary-a", clock.instant())));
    }

    /** Which commands each state allows; everything else must be refused with 409 and change nothing. */
    static final Map<NominationState, List<String>> ALLOWED = Map.of(
            NominationState.SUBMITTED, List.of("unit review", "committee review", "attach photo"),
            NominationState.UNIT_APPROVED, List.of("unit review", "committee review"),
            NominationState.COMMITTEE_APPROVED, List.of("start notice"),
            NominationState.IN_NOTICE, List.of("lodge objection", "resolve objection"),
            NominationState.AWARDED, List.of(),
            NominationState.REJECTED, List.of());

    @ParameterizedTest
    @EnumSource(NominationState.class)
    void everyIllegalTransitionIsAConflictAndChangesNothing(NominationState state) {
        commands().forEach((name, command) -> {
            if (ALLOWED.get(state).contains(name)) {
                return;
            }
            Nomination n = in(state);
            int events = n.getOutbox().size();
            assertThatThrownBy(() -> command.accept(n)).as(name + " in " + state)
                    .isInstanceOfSatisfying(ProblemException.class,
                            p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
            assertThat(n.getState()).as(name + " in " + state).isEqualTo(state);
            assertThat(n.getOutbox()).hasSize(events);
        });
    }

    @Test
    void theHappyPathRecordsWhoWhenAndWhy() {
        Nomination n = in(NominationState.AWARDED);
        assertThat(n.getReviews()).extracting(Review::level, Review::decision, Review::reviewer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Review.ReviewLevel.UNIT, Review.Decision.APPROVE,
                        "unit-a-secretary"), org.assertj.core.groups.Tuple.tuple(Review.ReviewLevel.COMMITTEE,
                                Review.Decision.APPROVE, "committee"));
        assertThat(n.getAwardId()).isEqualTo("award-" + n.getId());
        assertThat(n.getOutbox()).extracting(e -> e.type()).containsExactly("party.honor.nomination-submitted.v1",
                "party.honor.nomination-reviewed.v1", "party.honor.nomination-reviewed.v1");
    }

    @Test
    void aBranchSecretaryCannotDecideTheUnitReview() {
        Nomination n = submitted();
        assertThatThrownBy(() -> n.review(Review.Decision.APPROVE, "x", Fixtures.SECRETARY_A, program, clock))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isIn(ProblemType.FORBIDDEN,
                        ProblemType.RULE_VIOLATION));
        assertThatThrownBy(() -> n.review(Review.Decision.APPROVE, "x", Fixtures.SECRETARY_B, program, clock))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
    }

    @Test
    void theCommitteeLevelIsForTheWorkCommitteeOnly() {
        Nomination n = in(NominationState.UNIT_APPROVED);
        assertThatThrownBy(() -> n.review(Review.Decision.APPROVE, "x", UNIT_A_SECRETARY, program, clock))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.FORBIDDEN));
    }

    @Test
    void theNomineeAndMembersOfTheirOrganisationAreRecused() {
        Nomination n = submitted();
        var nominee = new city.party.platform.security.CallerScope("x", "member-a",
                java.util.Set.of("committee-admin"), List.of("/city"), List.of());
        var sameBranch = new city.party.platform.security.CallerScope("y", "someone",
                java.util.Set.of("committee-admin"), List.of("/city", "/city/unit-a/branch-a1"), List.of());
        for (var reviewer : List.of(nominee, sameBranch)) {
            assertThatThrownBy(() -> n.review(Review.Decision.APPROVE, "x", reviewer, program, clock))
                    .isInstanceOfSatisfying(ProblemException.class, p -> {
                        assertThat(p.type()).isEqualTo(ProblemType.RULE_VIOLATION);
                        assertThat(p.properties()).containsEntry("rule", "review.recusal");
                    });
        }
        assertThat(n.getState()).isEqualTo(NominationState.SUBMITTED);
        assertThat(n.getReviews()).isEmpty();
    }

    @Test
    void anOrganisationNomineeRecusesEveryoneWithinIt() {
        Nominee branch = new Nominee(NomineeType.ORGANIZATION, "branch-a1", "机关第一党支部", null, "branch-a1",
                "/city/unit-a/branch-a1", "机关第一党支部", "unit-a", "/city/unit-a", "市财政局");
        Nomination n = Nomination.submit(program, "advanced-primary-organization", branch, Fixtures.DEEDS,
                Fixtures.eligible(), "committee", clock);
        var inGroup = new city.party.platform.security.CallerScope("z", "group-leader",
                java.util.Set.of("committee-admin"), List.of("/city/unit-a/branch-a1/group-1"), List.of());
        assertThat(n.recuses(inGroup)).isTrue();
        assertThat(n.recuses(UNIT_A_SECRETARY)).isFalse();
    }

    @Test
    void reviewsAfterTheirDeadlineAreRefused() {
        Nomination n = submitted();
        clock.set(Fixtures.UNIT_DEADLINE.plusSeconds(1));
        assertThatThrownBy(() -> n.review(Review.Decision.APPROVE, "x", UNIT_A_SECRETARY, program, clock))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.properties())
                        .containsEntry("rule", "review.deadline"));
    }

    @Test
    void nominationsOnlyInsideTheWindowAndOnlyEligibleNominees() {
        clock.set(Fixtures.CLOSES);
        assertThatThrownBy(this::submitted).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.properties()).containsEntry("rule", "nomination.window"));
        clock.set(Fixtures.OPENS.minusSeconds(1));
        assertThatThrownBy(this::submitted).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.properties()).containsEntry("rule", "nomination.window"));
        clock.set(Fixtures.IN_WINDOW);
        EligibilityCheck ineligible = EligibilityCheck.of(List.of(new EligibilityCheck.Criterion("active", false,
                "LAPSED", "s")));
        assertThatThrownBy(() -> Nomination.submit(program, "outstanding-member", Fixtures.memberA(), Fixtures.DEEDS,
                ineligible, "secretary-a", clock)).isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.RULE_VIOLATION);
                    assertThat(p.properties()).containsKey("criteria");
                });
        assertThatThrownBy(() -> Nomination.submit(program, "advanced-primary-organization", Fixtures.memberA(),
                Fixtures.DEEDS, Fixtures.eligible(), "secretary-a", clock)).isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.properties()).containsEntry("rule",
                                "nomination.nominee-kind"));
    }

    @Test
    void approvalWaitsForTheEndOfTheNoticeAndForEveryObjection() {
        Nomination n = in(NominationState.IN_NOTICE);
        Objection objection = n.lodgeObjection("该同志事迹有夸大", null, clock);
        assertThatThrownBy(() -> n.approve(clock)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.properties()).containsEntry("reason", "notice-running"));
        clock.advance(Duration.ofDays(7));
        assertThatThrownBy(() -> n.lodgeObjection("too late", "someone", clock))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
        assertThatThrownBy(() -> n.approve(clock)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.properties()).containsEntry("reason", "objections-open"));
        n.resolveObjection(objection.id(), Objection.Status.DISMISSED, "经核查不属实", "committee", clock);
        assertThatThrownBy(() -> n.resolveObjection(objection.id(), Objection.Status.UPHELD, "again", "committee",
                clock)).isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.properties()).containsEntry("reason", "objection-already-resolved"));
        n.approve(clock);
        assertThat(n.getState()).isEqualTo(NominationState.AWARDED);
    }

    @Test
    void anUpheldObjectionRejectsTheNomination() {
        Nomination n = in(NominationState.IN_NOTICE);
        Objection objection = n.lodgeObjection("反映该同志有违纪问题", "member-b", clock);
        n.resolveObjection(objection.id(), Objection.Status.UPHELD, "经核查属实", "committee", clock);
        assertThat(n.getState()).isEqualTo(NominationState.REJECTED);
        assertThat(n.getReviews()).last().extracting(Review::level).isEqualTo(Review.ReviewLevel.NOTICE);
    }

    @Test
    void approvalsAreDecidedOnTheEligibilityAsItIsNow() {
        Nomination n = in(NominationState.UNIT_APPROVED);
        EligibilityCheck lapsed = EligibilityCheck.of(List.of(new EligibilityCheck.Criterion("active", false,
                "Membership status is LAPSED.", "s")));
        n.refreshEligibility(lapsed);
        assertThatThrownBy(() -> n.review(Review.Decision.APPROVE, "x", COMMITTEE, program, clock))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(ProblemType.RULE_VIOLATION);
                    assertThat(p.properties()).containsKey("criteria");
                });
        n.review(Review.Decision.REJECT, "党员状态已变更", COMMITTEE, program, clock);
        assertThat(n.getState()).isEqualTo(NominationState.REJECTED);

        Nomination onNotice = in(NominationState.IN_NOTICE);
        clock.advance(Duration.ofDays(8));
        onNotice.refreshEligibility(lapsed);
        assertThatThrownBy(() -> onNotice.approve(clock)).isInstanceOf(ProblemException.class);
        assertThat(onNotice.getState()).isEqualTo(NominationState.IN_NOTICE);
    }
}
