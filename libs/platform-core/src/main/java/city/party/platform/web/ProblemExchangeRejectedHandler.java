package city.party.platform.web;

import java.util.Map;

import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses request paths with encoded slashes, {@code ..}, {@code ;},
 * {@code %25}, NUL and the like before any handler runs; its default answer is a bare 400 with no
 * body. Here the refusal is a {@code malformed-request} problem like every other bad request.
 */
public class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

    private final Problems problems;

    public ProblemExchangeRejectedHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange, 400, problems.body(exchange, ProblemType.MALFORMED_REQUEST,
                "problem.malformed-request.url", "The request URL contains characters or sequences that are not allowed.",
                new Object[0], Map.of()), null);
    }
}
