package city.party.gateway.resilience;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Saves the browser's session (e.g. an access token the TokenRelay just refreshed) before the
 * request is proxied — but only a session that exists. The stock {@code SaveSession} filter would
 * write an empty session to Redis for every stateless bearer-token call.
 */
@Component
class SaveStartedSessionFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getSession().flatMap(session -> session.isStarted() ? session.save() : Mono.empty())
                .then(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        // After TokenRelay (a route filter) has had its chance to refresh the token.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
