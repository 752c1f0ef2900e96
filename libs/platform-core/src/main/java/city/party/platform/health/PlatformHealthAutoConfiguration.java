package city.party.platform.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaProperties.class, ReactiveHealthIndicator.class })
public class PlatformHealthAutoConfiguration {

    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "health-" + Integer.toHexString(System.identityHashCode(config)));
        return new KafkaHealthIndicator(config, Duration.ofSeconds(3));
    }
}
