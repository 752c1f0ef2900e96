package city.party.honor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import city.party.honor.award.domain.Award;
import city.party.honor.nomination.domain.Nomination;
import city.party.honor.nomination.domain.Objection;
import city.party.honor.nomination.domain.Review;
import city.party.honor.program.domain.HonorProgram;
import city.party.platform.events.PendingEvent;
import city.party.platform.test.EventContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Producer side of the event contract: every event honor-service raises matches its schema. */
class EventContractTest {

    @Test
    void everyHonorEventMatchesItsSchema() {
        MutableClock clock = new MutableClock(Fixtures.IN_WINDOW);
        HonorProgram program = Fixtures.program(clock);
        Nomination n = Nomination.submit(program, "outstanding-member", Fixtures.memberA(), Fixtures.DEEDS,
                Fixtures.eligible(), "secretary-a", clock);
        n.review(Review.Decision.APPROVE, "同意", Fixtures.UNIT_A_SECRETARY, program, clock);
        n.review(Review.Decision.APPROVE, "同意", Fixtures.COMMITTEE, program, clock);
        var round = program.startNotice(List.of(n.getId()), "committee", clock);
        n.startNotice(round.id(), round.startsAt(), round.endsAt());
        Objection anonymous = n.lodgeObjection("有异议", null, clock);
        n.resolveObjection(anonymous.id(), Objection.Status.DISMISSED, "不属实", "committee", clock);
        clock.advance(Duration.ofDays(8));
        n.approve(clock);
        Award award = Award.confer(n, program, "committee", clock);
        award.revoke("事迹失实", "committee", clock);
        List<PendingEvent> events = new ArrayList<>(n.getOutbox());
        events.addAll(program.getOutbox());
        events.addAll(award.getOutbox());
        assertThat(events).extracting(PendingEvent::type).containsExactlyInAnyOrder(
                "party.honor.nomination-submitted.v1", "party.honor.nomination-reviewed.v1",
                "party.honor.nomination-reviewed.v1", "party.honor.objection-lodged.v1",
                "party.honor.objection-resolved.v1", "party.honor.notice-started.v1", "party.honor.awarded.v1",
                "party.honor.revoked.v1");
        events.forEach(event -> EventContract.assertConforms(event.type(), event.data()));
        assertThat(events).allSatisfy(e -> assertThat(e.data()).doesNotContain(Fixtures.DEEDS)
                .doesNotContain("有异议").doesNotContain("member-a"));
    }

    @Test
    void theSchemasCatchABrokenEvent() {
        assertThatThrownBy(() -> EventContract.assertConforms("party.honor.awarded.v1", "{\"awardId\":\"a\"}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> EventContract.assertConforms("party.honor.objection-lodged.v1",
                "{\"nominationId\":\"n\",\"programId\":\"p\",\"objectionId\":\"o\",\"anonymous\":true,"
                        + "\"lodgedAt\":\"2026-06-05T02:00:00Z\",\"text\":\"an objection's text is not published\"}"))
                .isInstanceOf(AssertionError.class);
    }
}
