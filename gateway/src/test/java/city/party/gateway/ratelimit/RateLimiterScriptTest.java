package city.party.gateway.ratelimit;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scripting.support.ResourceScriptSource;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterScriptTest {

    /** The gateway's own limiter script, as its auto-configuration declares it, counting resource look-ups. */
    private final AtomicInteger lookups = new AtomicInteger();

    private DefaultRedisScript<List> stockScript() {
        ClassPathResource resource = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua") {
            @Override
            public long lastModified() throws IOException {
                lookups.incrementAndGet();
                return super.lastModified();
            }
        };
        DefaultRedisScript<List> script = new DefaultRedisScript<>();
        script.setScriptSource(new ResourceScriptSource(resource));
        script.setResultType(List.class);
        return script;
    }

    @Test
    void theStockScriptLooksItsResourceUpOnEveryCall() {
        DefaultRedisScript<List> stock = stockScript();
        for (int i = 0; i < 10; i++) {
            stock.getSha1();
        }
        assertThat(lookups.get()).as("why the script is replaced").isGreaterThanOrEqualTo(10);
    }

    @Test
    void theReplacementIsTheSameScriptAndNeverLooksAgain() {
        DefaultRedisScript<List> stock = stockScript();
        String sha1 = stock.getSha1();
        String text = stock.getScriptAsString();
        Object replaced = RateLimitConfig.rateLimiterScriptReadOnce()
                .postProcessAfterInitialization(stock, RateLimitConfig.LIMITER_SCRIPT);
        int afterReading = lookups.get();

        RedisScript<?> script = (RedisScript<?>) replaced;
        for (int i = 0; i < 10; i++) {
            assertThat(script.getSha1()).isEqualTo(sha1);
        }
        assertThat(script.getScriptAsString()).isEqualTo(text).contains("redis.call");
        assertThat(script.getResultType()).isEqualTo(List.class);
        assertThat(lookups.get()).as("resource look-ups once replaced").isEqualTo(afterReading);
    }

    @Test
    void otherBeansAreLeftAlone() {
        DefaultRedisScript<List> other = stockScript();
        assertThat(RateLimitConfig.rateLimiterScriptReadOnce().postProcessAfterInitialization(other, "someScript"))
                .isSameAs(other);
    }
}
