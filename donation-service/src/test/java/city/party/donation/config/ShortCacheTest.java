package city.party.donation.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class ShortCacheTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-26T02:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void entriesLiveAtMostTheTtlAndEvictionIsImmediate() {
        MovableClock clock = new MovableClock();
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofSeconds(2), 10, clock);
        AtomicInteger loads = new AtomicInteger();
        java.util.function.Function<String, Mono<Integer>> loader = k -> Mono.fromSupplier(loads::incrementAndGet);
        assertThat(cache.get("a", loader).block()).isEqualTo(1);
        assertThat(cache.get("a", loader).block()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(2);
        assertThat(cache.get("a", loader).block()).isEqualTo(2);
        cache.evict("a");
        assertThat(cache.get("a", loader).block()).isEqualTo(3);
    }

    @Test
    void nothingIsCachedForAnEmptyResultOrAZeroTtl() {
        ShortCache<String, Integer> cache = new ShortCache<>(Duration.ofSeconds(2), 10, Clock.systemUTC());
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.get("x", k -> Mono.<Integer>empty().doOnSubscribe(s -> loads.incrementAndGet())).block())
                .isNull();
        assertThat(cache.get("x", k -> Mono.<Integer>empty().doOnSubscribe(s -> loads.incrementAndGet())).block())
                .isNull();
        assertThat(loads).hasValue(2);
        ShortCache<String, Integer> off = new ShortCache<>(Duration.ZERO, 10, Clock.systemUTC());
        AtomicInteger offLoads = new AtomicInteger();
        off.get("a", k -> Mono.fromSupplier(offLoads::incrementAndGet)).block();
        off.get("a", k -> Mono.fromSupplier(offLoads::incrementAndGet)).block();
        assertThat(offLoads).hasValue(2);
    }
}
