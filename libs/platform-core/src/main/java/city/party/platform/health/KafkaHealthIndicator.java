package city.party.platform.health;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reports whether the Kafka cluster answers. Part of the readiness group: a service that cannot
 * publish or consume must not receive traffic (its outbox still accepts writes meanwhile).
 */
public class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private final AdminClient admin;
    private final Duration timeout;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        super("Kafka health check failed");
        this.admin = AdminClient.create(adminConfig);
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.fromCallable(() -> {
            DescribeClusterResult cluster = admin
                    .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get();
            int nodes = cluster.nodes().get().size();
            return builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
        }).subscribeOn(Schedulers.boundedElastic()).timeout(timeout.plusSeconds(1));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
