package city.party.activity.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/** The indexes behind scope prefixes, the read model's lookups and the compliance queries. */
@Component
class Indexes {

    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    private final ReactiveMongoTemplate mongo;

    Indexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        Flux.concat(
                mongo.indexOps("organizations").createIndex(new Index().on("path", Sort.Direction.ASC)),
                mongo.indexOps("members").createIndex(new Index().on("memberships.organizationId", Sort.Direction.ASC)),
                mongo.indexOps("members").createIndex(new Index().on("username", Sort.Direction.ASC).sparse()),
                mongo.indexOps("activities").createIndex(new Index().on("organizationPaths", Sort.Direction.ASC)
                        .on("startsAt", Sort.Direction.DESC)),
                mongo.indexOps("activities").createIndex(new Index().on("attendees.memberId", Sort.Direction.ASC)),
                mongo.indexOps("activities").createIndex(new Index().on("status", Sort.Direction.ASC)
                        .on("counted", Sort.Direction.ASC)),
                mongo.indexOps("compliance_counters").createIndex(new Index().on("year", Sort.Direction.ASC)
                        .on("kind", Sort.Direction.ASC)),
                mongo.indexOps("compliance_overdue").createIndex(new Index().on("organizationPath", Sort.Direction.ASC)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .doOnError(e -> log.error("could not create activity-service's indexes", e))
                .subscribe();
    }
}
