package city.party.platform.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens whose signature was verified, so a client that sends the same bearer token for
 * its whole life (every city system and every relayed browser session does) costs one RSA check and
 * one parse per token, not per request — signature checks were the largest single share of the
 * gateway's CPU (docs/performance/gateway-overhead.md).
 *
 * <p>The key is the whole compact token: a hit means the very bytes that were verified. A hit is
 * still checked against {@code stillValid} (expiry, with the decoder's clock skew), so a cached token
 * stops working when it expires, exactly as an uncached one. Entries live at most {@code lifetime}
 * (a signing key withdrawn from the realm stops being honoured after that) and the cache holds at
 * most {@code maxTokens}. Failed verifications are never cached.
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> stillValid;
    private final Cache<String, Jwt> verified;

    public VerifiedTokenCache(ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> stillValid, Duration lifetime,
            long maxTokens) {
        this.verifier = verifier;
        this.stillValid = stillValid;
        this.verified = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(maxTokens).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            OAuth2TokenValidatorResult result = stillValid.validate(known);
            if (result.hasErrors()) {
                verified.invalidate(token);
                return Mono.error(new JwtValidationException("The token is no longer valid", result.getErrors()));
            }
            return Mono.just(known);
        }
        return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }

    /** How many verified tokens are held now (for tests and metrics). */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
