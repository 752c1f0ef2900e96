package city.party.gateway.resilience;

import java.util.Map;

import city.party.platform.web.ProblemType;
import city.party.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request whose service is down, too slow, or failing:
 * a prompt 503 problem naming the service, never a hang or a bare 500.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    private final Problems problems;

    FallbackController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        log.warn("{} unavailable for {}: {}", service, exchange.getRequest().getPath(),
                cause == null ? "circuit open" : cause.toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return problems.write(exchange, 503, problems.body(exchange, ProblemType.SERVICE_UNAVAILABLE,
                "problem.service-unavailable.downstream", service + " is temporarily unavailable; try again shortly.",
                new Object[] { service }, Map.of("service", service)), headers);
    }
}
