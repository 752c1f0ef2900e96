package city.party.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id ({@code X-Correlation-Id}): the caller's, if it sent a
 * sane one, else a new UUID. It is put on the request (so the gateway forwards it to services and
 * problem documents quote it), echoed on the response, and kept as an exchange attribute for logs.
 * Runs first, so even a 401 from the security chain carries it.
 */
public class CorrelationIdWebFilter implements WebFilter, Ordered {

    public static final String ATTRIBUTE = CorrelationIdWebFilter.class.getName() + ".id";

    // Untrusted input ends up in logs and headers: only short, plain tokens are accepted.
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(Problems.CORRELATION_HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(Problems.CORRELATION_HEADER, id)).build();
        ServerWebExchange withId = exchange.mutate().request(request).build();
        withId.getAttributes().put(ATTRIBUTE, id);
        withId.getResponse().getHeaders().set(Problems.CORRELATION_HEADER, id);
        return chain.filter(withId);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
