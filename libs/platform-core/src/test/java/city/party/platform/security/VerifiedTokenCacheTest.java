package city.party.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokenCacheTest {

    private static final Instant ISSUED = Instant.parse("2026-07-01T08:00:00Z");

    /** A verifier that counts its calls and knows two good tokens; anything else is refused. */
    private final AtomicInteger verifications = new AtomicInteger();
    private final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            return Mono.error(new BadJwtException("signature does not match"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("user-" + token)
                .issuedAt(ISSUED).expiresAt(ISSUED.plusSeconds(300)).build());
    };

    private VerifiedTokenCache cacheAt(Instant now) {
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ofSeconds(10));
        expiry.setClock(Clock.fixed(now, ZoneOffset.UTC));
        return new VerifiedTokenCache(verifier, expiry, Duration.ofSeconds(60), 100);
    }

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        VerifiedTokenCache cache = cacheAt(ISSUED.plusSeconds(5));
        StepVerifier.create(cache.decode("good-1")).assertNext(jwt -> assertThat(jwt.getSubject())
                .isEqualTo("user-good-1")).verifyComplete();
        StepVerifier.create(cache.decode("good-1")).assertNext(jwt -> assertThat(jwt.getSubject())
                .isEqualTo("user-good-1")).verifyComplete();
        assertThat(verifications).hasValue(1);

        StepVerifier.create(cache.decode("good-2")).expectNextCount(1).verifyComplete();
        assertThat(verifications).as("another token is verified on its own").hasValue(2);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        VerifiedTokenCache cache = cacheAt(ISSUED.plusSeconds(5));
        StepVerifier.create(cache.decode("forged")).expectError(BadJwtException.class).verify();
        StepVerifier.create(cache.decode("forged")).expectError(BadJwtException.class).verify();
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aCachedTokenStopsWorkingWhenItExpires() {
        ReactiveJwtDecoder shared = verifier;
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ofSeconds(10));
        MutableClock clock = new MutableClock(ISSUED.plusSeconds(5));
        expiry.setClock(clock);
        VerifiedTokenCache cache = new VerifiedTokenCache(shared, expiry, Duration.ofHours(1), 100);
        StepVerifier.create(cache.decode("good-1")).expectNextCount(1).verifyComplete();

        clock.now = ISSUED.plusSeconds(300 + 11); // past expiry and the 10 s skew
        StepVerifier.create(cache.decode("good-1")).expectError(JwtValidationException.class).verify();
        assertThat(verifications).as("refused from the cache, not verified again").hasValue(1);
        assertThat(cache.size()).as("the expired token is dropped").isZero();
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
