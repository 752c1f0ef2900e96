package city.party.member.config;

import java.util.Map;

import city.party.member.member.domain.LifecycleRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LifecycleConfig.LifecycleProperties.class)
class LifecycleConfig {

    /** {@code member.lifecycle}: see application.yaml. */
    @ConfigurationProperties("member.lifecycle")
    record LifecycleProperties(String version, Map<String, LifecycleRules.Rule> rules) {
    }

    @Bean
    LifecycleRules lifecycleRules(LifecycleProperties properties) {
        return new LifecycleRules(properties.version(), properties.rules());
    }
}
