package city.party.member.keycloak;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Wakes the sync up when the register changed in a way Keycloak mirrors ({@link DirectoryRelevance}). It listens to member-service's own topics in a
 * consumer group of its own, so it sees exactly what was committed (not what a request intended).
 */
@Component
@ConditionalOnBean(KeycloakSyncService.class)
class KeycloakSyncTriggers {

    private final KeycloakSyncService sync;

    KeycloakSyncTriggers(KeycloakSyncService sync) {
        this.sync = sync;
    }

    @KafkaListener(topics = { "party.organizations", "party.members" }, groupId = "member-service-keycloak-sync")
    void onRegisterChanged(org.apache.kafka.clients.consumer.ConsumerRecord<String, io.cloudevents.CloudEvent> record) {
        if (record.value() == null || DirectoryRelevance.affectsDirectory(record.value())) {
            sync.wakeUp();
        }
    }
}
