package city.party.platform.events;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.mapping.event.ReactiveBeforeConvertCallback;
import reactor.core.publisher.Mono;

/**
 * Stamps events raised while handling a traced request with that request's W3C trace context
 * before the aggregate is written. The outbox decouples publishing from the request (it may happen
 * seconds later, or after a restart); without this, a trace would end at the service and the
 * consumers' work would start new, unrelated traces.
 */
class OutboxTracing implements ReactiveBeforeConvertCallback<AggregateRoot> {

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    OutboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Mono<AggregateRoot> onBeforeConvert(AggregateRoot aggregate, String collection) {
        if (!aggregate.getOutbox().isEmpty()) {
            aggregate.stampTrace(currentTraceparent());
        }
        return Mono.just(aggregate);
    }

    private String currentTraceparent() {
        Tracer t = tracer.getIfAvailable();
        Propagator p = propagator.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span == null || p == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        p.inject(span.context(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
