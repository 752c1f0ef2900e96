package city.party.member.config;

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
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The register's indexes, declared here rather than by annotation scanning so that what MongoDB
 * enforces (one member per citizen id number, one record per account) is visible in one place.
 */
@Component
class RegisterIndexes {

    private static final Logger log = LoggerFactory.getLogger(RegisterIndexes.class);

    private final ReactiveMongoTemplate mongo;

    RegisterIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        Flux.concat(
                // The id number is stored encrypted; uniqueness holds on its keyed digest. An index on
                // the plaintext field from before encryption is dropped.
                mongo.indexOps("members").dropIndex("uniqueIdNumber").onErrorResume(e -> Mono.empty()),
                mongo.indexOps("members").createIndex(new Index().on("idNumberDigest", Sort.Direction.ASC).unique()
                        .sparse().named("uniqueIdNumberDigest")),
                mongo.indexOps("members").createIndex(new Index().on("username", Sort.Direction.ASC).unique()
                        .sparse().named("uniqueUsername")),
                mongo.indexOps("members").createIndex(new Index().on("organizationId", Sort.Direction.ASC)
                        .on("name", Sort.Direction.ASC)),
                mongo.indexOps("organizations").createIndex(new Index().on("path", Sort.Direction.ASC)),
                mongo.indexOps("organizations").createIndex(new Index().on("parentId", Sort.Direction.ASC)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .doOnError(e -> log.error("could not create the register's indexes", e))
                .subscribe();
    }
}
