package city.party.member.member.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import city.party.platform.events.PendingEvent;
import city.party.platform.test.EventContract;
import city.party.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberFloatingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);

    private static Member member(LifecycleStage stage) {
        return Member.register(new MemberRegistration("赵流动", null, null, null, null, "11010519491231002X", null,
                "branch-a1", stage, stage == LifecycleStage.APPLICANT ? LocalDate.of(2026, 1, 1) : null, null, null,
                stage == LifecycleStage.FULL ? LocalDate.of(2000, 7, 1) : null,
                stage == LifecycleStage.FULL ? LocalDate.of(2001, 7, 1) : null, null, null, null, null, null),
                ConfiguredRules.RULES, "a", CLOCK);
    }

    @Test
    void aPeriodAwayIsRecordedEndedAndKeptInTheHistory() {
        Member member = member(LifecycleStage.FULL);
        member.startFloating(LocalDate.of(2026, 3, 1), "深圳市", "外出务工", "深圳市某街道流动党员党支部", "s", CLOCK);
        assertThat(member.getFloating().destination()).isEqualTo("深圳市");
        assertThatThrownBy(() -> member.startFloating(LocalDate.of(2026, 4, 1), "广州市", null, null, "s", CLOCK))
                .isInstanceOf(ProblemException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> member.endFloating(LocalDate.of(2026, 2, 1), "s", CLOCK))
                .as("back before leaving").isInstanceOf(ProblemException.class);
        member.endFloating(LocalDate.of(2026, 11, 20), "s", CLOCK);
        assertThat(member.getFloating()).isNull();
        assertThat(member.getFloatingHistory()).singleElement()
                .satisfies(f -> assertThat(f.returnedOn()).isEqualTo(LocalDate.of(2026, 11, 20)));
        assertThat(member.getOutbox()).extracting(PendingEvent::type).endsWith("party.member.floating-started.v1",
                "party.member.floating-ended.v1");
        member.getOutbox().forEach(event -> EventContract.assertConforms(event.type(), event.data()));
        assertThat(member.getOutbox().get(1).data()).doesNotContain("深圳");
    }

    @Test
    void onlyActivePartyMembersFloatAndDatesMakeSense() {
        assertThatThrownBy(() -> member(LifecycleStage.APPLICANT).startFloating(LocalDate.of(2026, 3, 1), "深圳市",
                null, null, "s", CLOCK)).isInstanceOf(ProblemException.class);
        Member member = member(LifecycleStage.FULL);
        assertThatThrownBy(() -> member.startFloating(LocalDate.of(2026, 12, 1), "深圳市", null, null, "s", CLOCK))
                .as("in the future").isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> member.startFloating(LocalDate.of(2026, 3, 1), " ", null, null, "s", CLOCK))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> member.endFloating(LocalDate.of(2026, 11, 1), "s", CLOCK))
                .as("not away").isInstanceOf(ProblemException.class);
    }
}
