package city.party.member.keycloak;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Operators' view of the identity sync: repair drift now, or see when it last succeeded. */
@RestController
@ConditionalOnBean(KeycloakSyncService.class)
class KeycloakSyncController {

    private final KeycloakSyncService sync;

    KeycloakSyncController(KeycloakSyncService sync) {
        this.sync = sync;
    }

    @PostMapping("/api/organizations/identity-sync")
    @PreAuthorize("hasRole('committee-admin')")
    Mono<SyncReport> reconcileNow() {
        return sync.reconcile();
    }

    @GetMapping("/api/organizations/identity-sync")
    @PreAuthorize("hasAnyRole('committee-admin', 'auditor')")
    Mono<SyncReport> last() {
        return Mono.justOrEmpty(sync.lastSuccess());
    }
}
