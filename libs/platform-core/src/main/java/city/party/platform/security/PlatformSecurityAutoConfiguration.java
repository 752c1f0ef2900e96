package city.party.platform.security;

import city.party.platform.web.Problems;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Every service is a JWT resource server that checks issuer and audience itself (the gateway
 * checks too: defence in depth) and is stateless: no session, no CSRF token, no redirects.
 */
@AutoConfiguration(before = ReactiveOAuth2ResourceServerAutoConfiguration.class,
        after = city.party.platform.web.PlatformWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ReactiveJwtDecoder.class, ServerHttpSecurity.class })
@ConditionalOnProperty(name = "platform.security.resource-server.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
public class PlatformSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformResourceServerChain(ServerHttpSecurity http, Problems problems,
            PlatformSecurityProperties properties) {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        String[] publicPaths = properties.publicPaths().toArray(String[]::new);
        String[] publicSubmissions = properties.publicSubmissionPaths().toArray(String[]::new);
        return http
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus").permitAll()
                            .pathMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll();
                    if (publicPaths.length > 0) {
                        exchanges.pathMatchers(HttpMethod.GET, publicPaths).permitAll();
                    }
                    if (publicSubmissions.length > 0) {
                        exchanges.pathMatchers(HttpMethod.POST, publicSubmissions).permitAll();
                    }
                    exchanges.pathMatchers("/actuator/**").hasRole(Roles.COMMITTEE_ADMIN)
                            .pathMatchers(HttpMethod.POST, "/api/**").hasAnyRole(Roles.WRITERS)
                            .pathMatchers(HttpMethod.PUT, "/api/**").hasAnyRole(Roles.WRITERS)
                            .pathMatchers(HttpMethod.PATCH, "/api/**").hasAnyRole(Roles.WRITERS)
                            .pathMatchers(HttpMethod.DELETE, "/api/**").hasAnyRole(Roles.WRITERS)
                            .anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new RealmRolesConverter()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(
                        org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .securityContextRepository(
                        org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
                .build();
    }
}
