package city.party.member.keycloak;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "member.keycloak.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(KeycloakConfig.KeycloakSyncProperties.class)
class KeycloakConfig {

    /**
     * {@code member.keycloak.*}: where the admin API is and the service account that may use it.
     *
     * @param serverUrl    Keycloak's base URL (without /realms/...)
     * @param interval     how often to reconcile even without changes (catches drift)
     */
    @ConfigurationProperties("member.keycloak")
    record KeycloakSyncProperties(@DefaultValue("true") boolean enabled,
            @DefaultValue("http://localhost:8180") String serverUrl, @DefaultValue("party") String realm,
            @DefaultValue("member-service-admin") String clientId, String clientSecret,
            @DefaultValue("5m") Duration interval) {
    }

    @Bean(destroyMethod = "close")
    Keycloak keycloakAdminClient(KeycloakSyncProperties properties) {
        return KeycloakBuilder.builder().serverUrl(properties.serverUrl()).realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(properties.clientId())
                .clientSecret(properties.clientSecret()).build();
    }

    @Bean
    KeycloakSyncService keycloakSyncService(ReactiveMongoTemplate mongo, Keycloak keycloak,
            KeycloakSyncProperties properties, MeterRegistry meters, Clock clock) {
        return new KeycloakSyncService(mongo,
                new DirectoryReconciler(new KeycloakDirectory(keycloak, properties.realm()), clock),
                properties.interval(), meters, () -> keycloak.tokenManager().grantToken(), clock);
    }
}
