package city.party.platform.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class StalledRequestWatchdogTest {

    private final AtomicLong now = new AtomicLong();
    private final StalledRequestWatchdog watchdog = new StalledRequestWatchdog(Duration.ofSeconds(10), false, now::get);

    @Test
    void reportsARequestUnansweredPastTheThresholdOnceAndForgetsAnsweredOnes() {
        MockServerWebExchange hanging = MockServerWebExchange.from(MockServerHttpRequest.post("/api/donations"));
        hanging.getAttributes().put(CorrelationIdWebFilter.ATTRIBUTE, "corr-1");
        Disposable stuck = watchdog.filter(hanging, exchange -> Mono.never()).subscribe();
        watchdog.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/api/fast")), exchange -> Mono.empty())
                .block();

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(watchdog.reportStalled()).isEmpty();

        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(watchdog.reportStalled()).containsExactly(
                "POST /api/donations (correlation id corr-1) unanswered for 11 s");
        assertThat(watchdog.reportStalled()).as("reported once").isEmpty();

        stuck.dispose();
        MockServerWebExchange later = MockServerWebExchange.from(MockServerHttpRequest.get("/api/slow"));
        Disposable slow = watchdog.filter(later, exchange -> Mono.never()).subscribe();
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(watchdog.reportStalled()).as("a cancelled request is no longer in flight")
                .containsExactly("GET /api/slow (correlation id null) unanswered for 11 s");
        slow.dispose();
    }
}
