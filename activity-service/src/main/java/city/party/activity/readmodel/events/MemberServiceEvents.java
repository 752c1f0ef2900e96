package city.party.activity.readmodel.events;

import java.time.LocalDate;

/**
 * activity-service's own view of the member-service events it reads (never member-service's
 * classes): only the fields it uses; unknown fields are ignored.
 */
public final class MemberServiceEvents {

    public static final String ORGANIZATIONS = "party.organizations";
    public static final String MEMBERS = "party.members";

    private MemberServiceEvents() {
    }

    public record OrganizationCreated(String organizationId, String name, String type, String parentId, String path) {
    }

    public record OrganizationRenamed(String organizationId, String newName) {
    }

    public record OrganizationMoved(String organizationId, String newParentId, String oldPath, String newPath) {
    }

    public record OrganizationDissolved(String organizationId) {
    }

    public record MemberRegistered(String memberId, String name, String organizationId, String stage, String status,
            LocalDate joinedPartyOn, LocalDate fullMemberOn, String username) {
    }

    public record StageChanged(String memberId, String organizationId, String from, String to, LocalDate effectiveOn) {
    }

    public record StatusChanged(String memberId, String organizationId, String from, String to, LocalDate effectiveOn) {
    }

    public record Transferred(String memberId, String transferId, String fromOrganizationId, String toOrganizationId,
            LocalDate effectiveOn) {
    }
}
