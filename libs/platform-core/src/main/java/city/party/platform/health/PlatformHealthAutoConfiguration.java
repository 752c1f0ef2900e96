package city.party.platform.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** Health indicators for the readiness group: MongoDB and Kafka (see platform-defaults.yaml). */
// Class names, not class literals: the gateway has neither MongoDB nor Kafka on its class path.
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration" },
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration")
@ConditionalOnClass(ReactiveHealthIndicator.class)
public class PlatformHealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveMongoTemplate.class)
    static class MongoHealth {

        @Bean(name = "mongoHealthIndicator")
        @ConditionalOnBean(ReactiveMongoTemplate.class)
        @ConditionalOnMissingBean(name = "mongoHealthIndicator")
        MongoPingHealthIndicator mongoHealthIndicator(ReactiveMongoTemplate mongo) {
            return new MongoPingHealthIndicator(mongo);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaProperties.class)
    static class KafkaHealth {

        @Bean(name = "kafkaHealthIndicator")
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
            Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
            return new KafkaHealthIndicator(config, Duration.ofSeconds(3));
        }
    }
}
