package city.party.donation.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * A tiny time-bounded cache for facts read on every donation that change rarely (a campaign's
 * window, the organisation tree). Entries live {@code ttl} at most; writers on this instance evict
 * them at once. Empty results are not cached.
 */
public final class ShortCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;
    private final int maxEntries;

    public ShortCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    public Mono<V> get(K key, Function<K, Mono<V>> loader) {
        if (ttl.isZero()) {
            return loader.apply(key);
        }
        Entry<V> entry = entries.get(key);
        Instant now = Instant.now(clock);
        if (entry != null && now.isBefore(entry.expires())) {
            return Mono.just(entry.value());
        }
        return loader.apply(key).doOnNext(value -> {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value, now.plus(ttl)));
        });
    }

    public void evict(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }
}
