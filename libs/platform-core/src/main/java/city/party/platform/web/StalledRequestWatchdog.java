package city.party.platform.web;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Reports requests that have been in flight longer than a threshold: a request that is never
 * answered is otherwise invisible on the server (the client just times out). Each stalled request
 * is logged once as a warning with its method, path, correlation id and age; optionally with a dump
 * of all threads, which shows what the request waits for (off by default: the dump is large).
 */
public class StalledRequestWatchdog implements WebFilter, Ordered, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StalledRequestWatchdog.class);

    private final Duration threshold;
    private final boolean threadDump;
    private final LongSupplier nanoClock;
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile ScheduledExecutorService checker;

    public StalledRequestWatchdog(Duration threshold, boolean threadDump) {
        this(threshold, threadDump, System::nanoTime);
    }

    StalledRequestWatchdog(Duration threshold, boolean threadDump, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.threadDump = threadDump;
        this.nanoClock = nanoClock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long id = sequence.incrementAndGet();
        inFlight.put(id, new InFlight(exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(), exchange.getAttribute(CorrelationIdWebFilter.ATTRIBUTE),
                nanoClock.getAsLong(), new AtomicBoolean()));
        return chain.filter(exchange).doFinally(signal -> inFlight.remove(id));
    }

    /** Logs (once each) the requests in flight longer than the threshold; returns their descriptions. */
    public List<String> reportStalled() {
        long now = nanoClock.getAsLong();
        List<String> reports = new ArrayList<>();
        for (InFlight request : inFlight.values()) {
            Duration age = Duration.ofNanos(now - request.startedAt());
            if (age.compareTo(threshold) > 0 && request.reported().compareAndSet(false, true)) {
                reports.add(request.method() + " " + request.path() + " (correlation id " + request.correlationId()
                        + ") unanswered for " + age.toSeconds() + " s");
            }
        }
        if (!reports.isEmpty()) {
            log.warn("requests in flight longer than {}: {}{}", threshold, reports,
                    threadDump ? "\n" + threadDump() : "");
        }
        return reports;
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder("thread dump:\n");
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("\tat ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }

    @Override
    public int getOrder() {
        // Right after the correlation id, so the report can quote it.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stalled-request-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1000, threshold.toMillis() / 3);
        executor.scheduleWithFixedDelay(() -> {
            try {
                reportStalled();
            }
            catch (RuntimeException e) {
                log.debug("stalled-request check failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        checker = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = checker;
        if (executor != null) {
            executor.shutdownNow();
        }
        checker = null;
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }

    private record InFlight(String method, String path, String correlationId, long startedAt,
            AtomicBoolean reported) {
    }
}
