package city.party.honor.demo;

import java.time.Instant;

import city.party.honor.MutableClock;
import city.party.honor.program.domain.HonorProgram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoProgramTest {

    @Test
    void theDemoProgrammeIsValidAndAcceptsNominationsToday() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
        HonorProgram program = HonorProgram.create(DemoProgram.ID, DemoProgram.draft(clock), "demo", clock);
        assertThat(program.acceptsNominations(clock.instant())).isTrue();
        assertThat(program.getName()).isEqualTo("2026 七一表彰（演示）");
        assertThat(program.quota("unit-a", "outstanding-member")).isEqualTo(3);
        assertThat(program.getCategories()).hasSize(3);
    }
}
