package city.party.platform.test;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnansweredRequestDiagnosticsTest {

    @Test
    void recognisesATestClientThatGaveUpWaitingWhereverTheTimeoutIsInTheChain() {
        IllegalStateException blockTimeout = new IllegalStateException(
                "Timeout on blocking read for 20000000000 NANOSECONDS", new TimeoutException());
        assertThat(UnansweredRequestDiagnostics.unanswered(blockTimeout)).isTrue();
        assertThat(UnansweredRequestDiagnostics.unanswered(new AssertionError("await", blockTimeout))).isTrue();
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(UnansweredRequestDiagnostics.unanswered(new AssertionError("Status expected:<200> but was:<404>")))
                .isFalse();
        assertThat(UnansweredRequestDiagnostics.unanswered(new IllegalStateException((String) null))).isFalse();
    }

    @Test
    void theDumpShowsEveryThreadWithItsStack() {
        String dump = UnansweredRequestDiagnostics.threadDump();
        assertThat(dump).contains("\"" + Thread.currentThread().getName() + "\" RUNNABLE")
                .contains("theDumpShowsEveryThreadWithItsStack");
    }
}
