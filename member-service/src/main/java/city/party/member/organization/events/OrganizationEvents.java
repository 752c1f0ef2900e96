package city.party.member.organization.events;

import city.party.member.organization.domain.Organization;

/**
 * The organisation events on {@code party.organizations}: member-service's public contract for
 * the tree (JSON Schemas in {@code resources/events/}). Consumers keep their own copy of the tree
 * from them; a move carries the old and new path so they can rewrite a whole subtree.
 */
public final class OrganizationEvents {

    public static final String TOPIC = "party.organizations";
    public static final String CREATED = "party.organization.created.v1";
    public static final String RENAMED = "party.organization.renamed.v1";
    public static final String MOVED = "party.organization.moved.v1";
    public static final String DISSOLVED = "party.organization.dissolved.v1";
    public static final String ADMINISTRATOR_ASSIGNED = "party.organization.administrator-assigned.v1";
    public static final String ADMINISTRATOR_REMOVED = "party.organization.administrator-removed.v1";

    private OrganizationEvents() {
    }

    public record Created(String organizationId, String name, String type, String parentId, String path) {
    }

    public record Renamed(String organizationId, String oldName, String newName, String by) {
    }

    public record Moved(String organizationId, String oldParentId, String newParentId, String oldPath, String newPath,
            String by) {
    }

    public record Dissolved(String organizationId, String path, String by) {
    }

    public static Created created(Organization organization) {
        return new Created(organization.getId(), organization.getName(), organization.getType().name(),
                organization.getParentId(), organization.getPath());
    }

    /** {@code username} administers the organisation and its subtree (role org-admin, its group). */
    public record AdministratorAssigned(String organizationId, String path, String username, String by) {
    }

    public record AdministratorRemoved(String organizationId, String path, String username, String by) {
    }
}
