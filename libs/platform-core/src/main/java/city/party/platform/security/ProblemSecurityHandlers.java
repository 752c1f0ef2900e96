package city.party.platform.security;

import city.party.platform.web.ProblemType;
import city.party.platform.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem+json, with the bearer challenge that RFC 6750 asks for. */
public class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final Problems problems;

    public ProblemSecurityHandlers(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        HttpHeaders headers = new HttpHeaders();
        boolean hadToken = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null;
        headers.set(HttpHeaders.WWW_AUTHENTICATE, hadToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        String code = hadToken ? "problem.unauthorized.invalid-token" : "problem.unauthorized.detail";
        String detail = hadToken ? "The access token is invalid, expired or not meant for this platform."
                : "Authentication is required.";
        return problems.write(exchange, 401,
                problems.body(exchange, ProblemType.UNAUTHORIZED, code, detail, new Object[0], java.util.Map.of()),
                headers);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, ProblemType.FORBIDDEN, "problem.forbidden.detail",
                "You are not allowed to do this.");
    }
}
