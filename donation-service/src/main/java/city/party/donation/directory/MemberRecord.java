package city.party.donation.directory;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * donation-service's own copy of a member (from {@code party.members}): who they are for a
 * receipt, where they belong and whether they count for participation.
 *
 * @param username    the login (JWT {@code preferred_username}) of the member's own account, if any
 * @param lastEventAt time of the newest event applied to organisation, stage or status
 */
@Document("directory_members")
public record MemberRecord(@Id String id, String name, String organizationId, String stage, String status,
        String username, Instant lastEventAt) {

    /** Register statuses of people who still belong to their organisation. */
    public static final Set<String> BELONGING = Set.of("ACTIVE", "TRANSFERRING");
    /** Stages of party members (applicants, activists and candidates are not yet members). */
    public static final Set<String> PARTY_MEMBER_STAGES = Set.of("PROBATIONARY", "FULL");

    /** Whether this person is a party member who currently belongs to an organisation. */
    public boolean isCurrentMember() {
        return status != null && BELONGING.contains(status) && stage != null && PARTY_MEMBER_STAGES.contains(stage);
    }
}
