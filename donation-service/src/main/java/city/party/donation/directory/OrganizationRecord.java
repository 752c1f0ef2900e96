package city.party.donation.directory;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * donation-service's own copy of an organisation of member-service's tree (from
 * {@code party.organizations}): only what donations need — type, name, path.
 *
 * @param lastEventAt time of the newest event applied; older ones are ignored (order tolerance)
 */
@Document("directory_organizations")
public record OrganizationRecord(@Id String id, String name, String type, String parentId, String path,
        boolean dissolved, Instant lastEventAt) {

    public static final String UNIT = "UNIT";

    public boolean isUnit() {
        return UNIT.equals(type);
    }
}
