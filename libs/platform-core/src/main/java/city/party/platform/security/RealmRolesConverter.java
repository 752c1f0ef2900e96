package city.party.platform.security;

import java.util.Collection;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** Keycloak realm roles ({@code realm_access.roles}) become {@code ROLE_<role>} authorities. */
public class RealmRolesConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    /** The {@code ROLE_<role>} authorities of a token's realm roles (also for browser sessions at the gateway). */
    public static Collection<GrantedAuthority> authorities(java.util.Map<String, Object> claims) {
        return CallerScope.realmRoles(claims).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        Collection<GrantedAuthority> authorities = authorities(jwt.getClaims());
        String name = jwt.getClaimAsString("preferred_username");
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject()));
    }
}
