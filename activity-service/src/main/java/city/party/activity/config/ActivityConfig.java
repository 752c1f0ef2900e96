package city.party.activity.config;

import java.util.Set;

import city.party.activity.compliance.domain.ComplianceCalculator;
import city.party.activity.compliance.domain.ComplianceRule;
import city.party.activity.compliance.domain.Frequency;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivityProperties.class)
@EnableScheduling
class ActivityConfig {

    /** The compliance rules of {@code activity.compliance.rules}; a misconfigured rule stops start-up. */
    @Bean
    ComplianceCalculator complianceCalculator(ActivityProperties properties) {
        return new ComplianceCalculator(properties.compliance().rules().stream().map(ActivityConfig::rule).toList(),
                properties.compliance().newOrganizationGrace());
    }

    static ComplianceRule rule(ActivityProperties.Rule rule) {
        if (rule.kind() == null || rule.organizationTypes() == null || rule.organizationTypes().isEmpty()
                || rule.times() < 1) {
            throw new IllegalStateException("activity.compliance.rules: incomplete rule " + rule);
        }
        return new ComplianceRule(rule.kind(), Set.copyOf(rule.organizationTypes()),
                Frequency.valueOf(rule.frequency()), rule.times(), rule.source());
    }
}
