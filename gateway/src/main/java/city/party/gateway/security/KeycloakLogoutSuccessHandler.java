package city.party.gateway.security;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * OIDC RP-initiated logout: after the gateway ends its session, the browser is sent to Keycloak's
 * end-session endpoint with the ID token as hint, so the Keycloak (SSO) session ends too, and then
 * back to the gateway's start page. Spring's own handler needs the provider's discovery document,
 * which the gateway deliberately does not fetch at start-up.
 */
@Component
class KeycloakLogoutSuccessHandler implements ServerLogoutSuccessHandler {

    private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();
    private final String endSessionEndpoint;

    KeycloakLogoutSuccessHandler(
            @Value("${KEYCLOAK_PUBLIC_ISSUER:${spring.security.oauth2.resourceserver.jwt.issuer-uri}}") String issuer) {
        this.endSessionEndpoint = issuer + "/protocol/openid-connect/logout";
    }

    @Override
    public Mono<Void> onLogoutSuccess(WebFilterExchange exchange, Authentication authentication) {
        var request = exchange.getExchange().getRequest();
        String home = UriComponentsBuilder.fromUri(request.getURI()).replacePath("/").replaceQuery(null).build()
                .toUriString();
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(endSessionEndpoint)
                .queryParam("post_logout_redirect_uri", home);
        if (authentication instanceof OAuth2AuthenticationToken oauth
                && oauth.getPrincipal() instanceof OidcUser user) {
            target.queryParam("id_token_hint", user.getIdToken().getTokenValue());
        }
        return redirect.sendRedirect(exchange.getExchange(), URI.create(target.encode().build().toUriString()));
    }
}
