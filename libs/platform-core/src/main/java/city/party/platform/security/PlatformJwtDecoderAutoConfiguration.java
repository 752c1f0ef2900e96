package city.party.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The JWT decoder of the gateway and every service: signature from the realm's JWK set (fetched
 * lazily, so start-up does not need Keycloak), then issuer, audience and expiry — with a clock skew
 * of {@code platform.security.jwt.clock-skew} (10 s) instead of Spring's 60 s, so an expired token
 * stops working within seconds, not a minute. Verified tokens are remembered for
 * {@code platform.security.jwt.cache.lifetime} (60 s; 0 turns it off), at most
 * {@code platform.security.jwt.cache.max-tokens} (10,000) of them: see {@link VerifiedTokenCache}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive."
        + "ReactiveOAuth2ResourceServerAutoConfiguration")
@ConditionalOnClass({ ReactiveJwtDecoder.class, NimbusReactiveJwtDecoder.class })
@ConditionalOnProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")
public class PlatformJwtDecoderAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder platformJwtDecoder(Environment environment) {
        String issuer = environment.getRequiredProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
        String jwks = environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                issuer + "/protocol/openid-connect/certs");
        List<String> audiences = List.of(environment
                .getProperty("spring.security.oauth2.resourceserver.jwt.audiences", String[].class,
                        new String[] { "party-api" }));
        Duration skew = environment.getProperty("platform.security.jwt.clock-skew", Duration.class,
                Duration.ofSeconds(10));
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(audiences::contains));
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwks).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(skew),
                new JwtIssuerValidator(issuer), audience));
        Duration cached = environment.getProperty("platform.security.jwt.cache.lifetime", Duration.class,
                Duration.ofSeconds(60));
        if (cached.isZero() || cached.isNegative()) {
            return decoder;
        }
        long maxTokens = environment.getProperty("platform.security.jwt.cache.max-tokens", Long.class, 10_000L);
        return new VerifiedTokenCache(decoder, new JwtTimestampValidator(skew), cached, maxTokens);
    }
}
