package city.party.member.keycloak;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Which Keycloak group mirrors which organisation. Kept apart from the organisation aggregate
 * (the sync must not contend with clerks' edits), so a moved or renamed organisation finds its
 * group again without searching.
 */
@Document("keycloak_group_links")
/** @param syncedAt when the link was made or last changed (an unchanged link is not rewritten) */
public record GroupLink(@Id String organizationId, String groupId, String path, Instant syncedAt) {
}
