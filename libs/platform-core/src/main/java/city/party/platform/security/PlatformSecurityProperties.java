package city.party.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.security.*}.
 *
 * @param publicPaths           path patterns anyone may GET without a token (public honor roll, ledger)
 * @param publicSubmissionPaths path patterns anyone may POST to without a token (e.g. an objection
 *                              to a public notice, which may be lodged anonymously); the handler
 *                              must treat such a caller as anonymous and rate-limit/validate input
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue List<String> publicPaths,
        @DefaultValue List<String> publicSubmissionPaths) {
}
