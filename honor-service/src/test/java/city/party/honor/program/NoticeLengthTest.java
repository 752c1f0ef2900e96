package city.party.honor.program;

import java.time.Duration;
import java.util.List;

import city.party.honor.Fixtures;
import city.party.honor.MutableClock;
import city.party.honor.program.domain.HonorProgram;
import city.party.honor.program.domain.NoticeRound;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A notice runs the programme's notice days; how long a notice day lasts is configuration. */
class NoticeLengthTest {

    @Test
    void aNoticeRunsItsDaysOfTheConfiguredLength() {
        MutableClock clock = new MutableClock(Fixtures.IN_WINDOW);
        HonorProgram program = Fixtures.program(clock);
        int days = program.getNoticeDays();

        NoticeRound calendar = program.startNotice(List.of("n-1"), "committee", clock);
        NoticeRound shortened = program.startNotice(List.of("n-2"), "committee", clock, Duration.ofSeconds(10));

        assertThat(Duration.between(calendar.startsAt(), calendar.endsAt())).isEqualTo(Duration.ofDays(days));
        assertThat(Duration.between(shortened.startsAt(), shortened.endsAt()))
                .isEqualTo(Duration.ofSeconds(10L * days));
    }
}
