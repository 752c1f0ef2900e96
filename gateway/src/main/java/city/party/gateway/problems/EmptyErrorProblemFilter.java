package city.party.gateway.problems;

import java.util.Map;

import city.party.platform.web.ProblemType;
import city.party.platform.web.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Some of Spring Cloud Gateway's own filters refuse a request by setting a status and completing
 * the response with no body — {@code RequestSize} answers 413 that way. A client of this platform
 * must get a problem document for every error, so a 4xx completed without a body gets one here.
 * Responses from services are written, never just completed, and pass untouched.
 */
@Component
class EmptyErrorProblemFilter implements GlobalFilter, Ordered {

    private final Problems problems;

    EmptyErrorProblemFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse original = exchange.getResponse();
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(original) {
            @Override
            public Mono<Void> setComplete() {
                HttpStatusCode status = getStatusCode();
                if (status == null || !status.is4xxClientError() || isCommitted()) {
                    return super.setComplete();
                }
                ProblemType type = ProblemType.forStatus(status.value());
                Map<String, Object> body = problems.body(exchange, type, "problem." + type.slug() + ".detail", null,
                        new Object[0], Map.of());
                body.put("status", status.value());
                return problems.write(exchange.mutate().response(original).build(), status.value(), body, null);
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    @Override
    public int getOrder() {
        // outside every route filter, so it sees what they leave behind
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
