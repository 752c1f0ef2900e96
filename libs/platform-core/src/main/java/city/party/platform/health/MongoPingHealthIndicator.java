package city.party.platform.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Reports whether the service's MongoDB database answers a {@code ping}. Replaces Spring Boot's
 * indicator, which sends {@code hello} — a command the local wire-protocol emulator does not know,
 * so it would report DOWN forever. {@code ping} means the same on real MongoDB.
 */
public class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;

    public MongoPingHealthIndicator(ReactiveMongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return mongo.getMongoDatabase().flatMap(database -> mongo.executeCommand(new Document("ping", 1))
                .map(reply -> builder.up().withDetail("database", database.getName()).build()));
    }
}
