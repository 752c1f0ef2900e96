package city.party.gateway.security;

import java.util.LinkedHashSet;
import java.util.Set;

import city.party.platform.security.RealmRolesConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * A browser session carries the user's Keycloak realm roles, as a bearer call does. Keycloak puts
 * them in the access token ({@code realm_access.roles}), not in the ID token or user info, so after
 * login the access token is decoded (and validated like any bearer token: issuer, audience,
 * signature) and its roles become {@code ROLE_*} authorities. Without this, every write from the
 * web console was refused by the gateway's role rules.
 */
@Configuration(proxyBeanMethods = false)
class SessionRoles {

    @Bean
    ReactiveOAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(ReactiveJwtDecoder jwtDecoder) {
        OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();
        return request -> delegate.loadUser(request)
                .flatMap(user -> jwtDecoder.decode(request.getAccessToken().getTokenValue()).map(accessToken -> {
                    Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
                    authorities.addAll(RealmRolesConverter.authorities(accessToken.getClaims()));
                    return (OidcUser) new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
                            "preferred_username");
                }));
    }
}
