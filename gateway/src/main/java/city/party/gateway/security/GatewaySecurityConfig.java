package city.party.gateway.security;

import city.party.platform.security.ProblemSecurityHandlers;
import city.party.platform.security.RealmRolesConverter;
import city.party.platform.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Two kinds of callers share one chain:
 * <ul>
 * <li>browsers log in through Keycloak (authorization code + PKCE); the session cookie is all they
 * hold, the gateway relays the access token to services ({@code TokenRelay});</li>
 * <li>other city systems send {@code Authorization: Bearer}; the gateway validates the token
 * (issuer, audience, signature) and passes it on unchanged.</li>
 * </ul>
 * An API request without valid credentials gets a 401 problem, never a redirect to a login page;
 * only browser navigation is redirected.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfig {

    static final String LOGIN_ENTRY = "/oauth2/authorization/keycloak";

    @Bean
    SecurityWebFilterChain gatewaySecurity(ServerHttpSecurity http, Problems problems) {
        ProblemSecurityHandlers problemHandlers = new ProblemSecurityHandlers(problems);
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers("/api/**");
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(api, problemHandlers));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN_ENTRY));
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .pathMatchers("/actuator/**").hasRole("committee-admin")
                        .pathMatchers(HttpMethod.GET, "/api/honor-roll", "/api/honor-roll/**",
                                "/api/donation-campaigns/*/ledger").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(login -> { })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RealmRolesConverter()))
                        .authenticationEntryPoint(problemHandlers)
                        .accessDeniedHandler(problemHandlers))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(problemHandlers))
                // CSRF protects cookie-authenticated writes; bearer-token calls carry no ambient
                // credentials, so they are exempt.
                .csrf(csrf -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        .requireCsrfProtectionMatcher(GatewaySecurityConfig::needsCsrfProtection)
                        .accessDeniedHandler(problemHandlers))
                .build();
    }

    private static Mono<ServerWebExchangeMatcher.MatchResult> needsCsrfProtection(
            org.springframework.web.server.ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean safe = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)
                || HttpMethod.OPTIONS.equals(method) || HttpMethod.TRACE.equals(method);
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return safe || bearer ? ServerWebExchangeMatcher.MatchResult.notMatch()
                : ServerWebExchangeMatcher.MatchResult.match();
    }
}
