package city.party.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.security.*}.
 *
 * @param publicPaths path patterns anyone may GET without a token (public honor roll, ledger)
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue List<String> publicPaths) {
}
