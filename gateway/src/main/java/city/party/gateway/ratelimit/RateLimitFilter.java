package city.party.gateway.ratelimit;

import java.util.Map;

import city.party.platform.web.ProblemType;
import city.party.platform.web.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Per-caller rate limit on every routed request, with Spring Cloud Gateway's Redis token bucket
 * (shared by all gateway replicas). Unlike the stock {@code RequestRateLimiter} filter, a refusal is
 * a 429 problem with {@code Retry-After}, so clients know what happened and when to come back.
 */
public class RateLimitFilter implements GlobalFilter, Ordered {

    private final RedisRateLimiter limiter;
    private final KeyResolver keys;
    private final Problems problems;
    private final int retryAfterSeconds;

    public RateLimitFilter(RedisRateLimiter limiter, KeyResolver keys, Problems problems, int retryAfterSeconds) {
        this.limiter = limiter;
        this.keys = keys;
        this.problems = problems;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String routeId = route == null ? "default" : route.getId();
        return keys.resolve(exchange).defaultIfEmpty("anonymous")
                .flatMap(key -> limiter.isAllowed(routeId, key))
                .flatMap(response -> {
                    response.getHeaders().forEach((name, value) -> exchange.getResponse().getHeaders().set(name, value));
                    if (response.isAllowed()) {
                        return chain.filter(exchange);
                    }
                    HttpHeaders headers = new HttpHeaders();
                    headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
                    return problems.write(exchange, 429, problems.body(exchange, ProblemType.TOO_MANY_REQUESTS,
                            "problem.too-many-requests.detail", "Too many requests; wait and try again.",
                            new Object[0], Map.of()), headers);
                });
    }

    @Override
    public int getOrder() {
        // After routing has chosen the route, before the request is proxied.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
