package city.party.gateway.security;

import java.util.List;

import city.party.platform.security.ProblemSecurityHandlers;
import city.party.platform.security.RealmRolesConverter;
import city.party.platform.security.Roles;
import city.party.platform.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Two kinds of callers share one chain:
 * <ul>
 * <li>browsers log in through Keycloak (authorization code + PKCE); the session cookie (HttpOnly,
 * SameSite=Lax, stored in Redis) is all they hold, the gateway relays the access token to
 * services ({@code TokenRelay}) and refreshes it; writes need the CSRF token from the
 * {@code XSRF-TOKEN} cookie echoed in {@code X-XSRF-TOKEN};</li>
 * <li>other city systems send {@code Authorization: Bearer}; the gateway validates the token
 * (issuer, audience, signature) and passes it on unchanged.</li>
 * </ul>
 * An API request without valid credentials gets a 401 problem, never a redirect to a login page;
 * only browser navigation is redirected.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class GatewaySecurityConfig {

    /** Objections to a public notice (公示) may be lodged without logging in. */
    static final String PUBLIC_OBJECTIONS = "/api/honor-roll/notices/*/objections";


    static final String LOGIN_ENTRY = "/oauth2/authorization/keycloak";

    /** The web console's static files and its pages that need no login (web-console module). */
    static final String[] CONSOLE_PUBLIC = { "/assets/**", "/favicon.svg", "/index.html", "/public", "/public/**" };

    /**
     * API calls with a bearer token: stateless. The token is validated on every request and
     * nothing is stored — no session in Redis, no CSRF cookie — so city systems calling at a high
     * rate cost the gateway no state.
     */
    @Bean
    @Order(1)
    SecurityWebFilterChain bearerTokenSecurity(ServerHttpSecurity http, Problems problems, CorsConfigurationSource cors) {
        ProblemSecurityHandlers problemHandlers = new ProblemSecurityHandlers(problems);
        return http
                .securityMatcher(GatewaySecurityConfig::hasBearerToken)
                .authorizeExchange(GatewaySecurityConfig::authorize)
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RealmRolesConverter()))
                        .authenticationEntryPoint(problemHandlers)
                        .accessDeniedHandler(problemHandlers))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problemHandlers)
                        .accessDeniedHandler(problemHandlers))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(spec -> spec.configurationSource(cors))
                .headers(GatewaySecurityConfig::securityHeaders)
                .build();
    }

    /** Browsers: login through Keycloak, a session cookie, CSRF protection for writes. */
    @Bean
    @Order(2)
    SecurityWebFilterChain browserSecurity(ServerHttpSecurity http, Problems problems,
            KeycloakLogoutSuccessHandler logout, CorsConfigurationSource cors) {
        ProblemSecurityHandlers problemHandlers = new ProblemSecurityHandlers(problems);
        ServerWebExchangeMatcher api = ServerWebExchangeMatchers.pathMatchers("/api/**", "/api-docs/**");
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(api, problemHandlers));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN_ENTRY));
        return http
                .authorizeExchange(GatewaySecurityConfig::authorize)
                .oauth2Login(login -> { })
                .logout(out -> out.logoutSuccessHandler(logout))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(problemHandlers))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        // An objection to a public notice needs no session, so it has nothing to forge;
                        // a public form elsewhere (or a plain HTTP client) must be able to send it.
                        // A request without cookies carries no ambient credentials, so there is nothing to
                        // forge: it goes on to authorization and an API client without a token gets 401 (it
                        // got 403 "CSRF" for every write, which hid that it had not authenticated).
                        .requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                                CsrfWebFilter.DEFAULT_CSRF_MATCHER, new NegatedServerWebExchangeMatcher(
                                        ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, PUBLIC_OBJECTIONS)),
                                GatewaySecurityConfig::hasCookies))
                        // plain (unmasked) token: a single-page app echoes the cookie value as is
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler(problemHandlers))
                .addFilterAfter(csrfCookieFilter(), SecurityWebFiltersOrder.CSRF)
                .cors(spec -> spec.configurationSource(cors))
                .headers(GatewaySecurityConfig::securityHeaders)
                .build();
    }

    /** The same access rules for both kinds of caller. */
    private static void authorize(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges
                .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                .permitAll()
                .pathMatchers("/actuator/**").hasRole(Roles.COMMITTEE_ADMIN)
                .pathMatchers("/fallback/**").permitAll()
                // the web console's files and its public pages (honor roll, notices, ledger); the
                // console's other pages stay behind the login like any other navigation
                .pathMatchers(HttpMethod.GET, CONSOLE_PUBLIC).permitAll()
                .pathMatchers(HttpMethod.GET, "/api/honor-roll", "/api/honor-roll/**",
                        "/api/donation-campaigns/*/ledger").permitAll()
                // anyone may object to a public notice (公示), also anonymously
                .pathMatchers(HttpMethod.POST, PUBLIC_OBJECTIONS).permitAll()
                .pathMatchers(HttpMethod.GET, "/api-docs/*", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                        "/swagger-ui/**", "/webjars/**").permitAll()
                // auditors and other systems' readers never write (services check this too)
                .pathMatchers(HttpMethod.POST, "/api/**").hasAnyRole(Roles.WRITERS)
                .pathMatchers(HttpMethod.PUT, "/api/**").hasAnyRole(Roles.WRITERS)
                .pathMatchers(HttpMethod.PATCH, "/api/**").hasAnyRole(Roles.WRITERS)
                .pathMatchers(HttpMethod.DELETE, "/api/**").hasAnyRole(Roles.WRITERS)
                .anyExchange().authenticated();
    }

    private static void securityHeaders(ServerHttpSecurity.HeaderSpec headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                        + "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
    }

    private static Mono<ServerWebExchangeMatcher.MatchResult> hasCookies(ServerWebExchange exchange) {
        return exchange.getRequest().getCookies().isEmpty() ? ServerWebExchangeMatcher.MatchResult.notMatch()
                : ServerWebExchangeMatcher.MatchResult.match();
    }

    private static Mono<ServerWebExchangeMatcher.MatchResult> hasBearerToken(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    /**
     * The CSRF token is created lazily; subscribing to it makes the {@code XSRF-TOKEN} cookie appear
     * on the first response, so a browser app can send it with its first write.
     */
    private static WebFilter csrfCookieFilter() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
        };
    }

    /** Cross-origin access only for the configured frontends (none by default). */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${platform.gateway.cors.allowed-origins:}") List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (allowedOrigins.isEmpty()) {
            return source;
        }
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(allowedOrigins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-XSRF-TOKEN",
                "X-Correlation-Id", "Accept-Language"));
        config.setExposedHeaders(List.of("X-Correlation-Id", "Retry-After", "Location"));
        config.setAllowCredentials(true);
        config.setMaxAge(3600L);
        source.registerCorsConfiguration("/api/**", config);
        return source;
    }
}
