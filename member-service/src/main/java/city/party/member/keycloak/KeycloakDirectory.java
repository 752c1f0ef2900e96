package city.party.member.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * {@link GroupDirectory} on Keycloak's admin API, as the least-privileged service account
 * {@code member-service-admin} (manage-users, view-users, query-users, query-groups, view-realm).
 * Group name = organisation id (so group paths equal organisation paths); the display name and
 * the organisation id are group attributes.
 */
public class KeycloakDirectory implements GroupDirectory {

    static final String DISPLAY_NAME = "displayName";
    static final String ORGANIZATION_ID = "organizationId";
    static final String MEMBER_ID = "memberId";

    private final Keycloak keycloak;
    private final String realm;

    public KeycloakDirectory(Keycloak keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    @Override
    public Optional<Group> groupById(String groupId) {
        try {
            return Optional.of(group(realm().groups().group(groupId).toRepresentation()));
        }
        catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Group> groupByPath(String path) {
        try {
            return Optional.of(group(realm().getGroupByPath(path)));
        }
        catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static Group group(GroupRepresentation representation) {
        List<String> names = representation.getAttributes() == null ? null
                : representation.getAttributes().get(DISPLAY_NAME);
        return new Group(representation.getId(), representation.getPath(),
                names == null || names.isEmpty() ? null : names.get(0));
    }

    @Override
    public String createGroup(String parentGroupId, String name, String displayName, String organizationId) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        group.setAttributes(Map.of(DISPLAY_NAME, List.of(displayName), ORGANIZATION_ID, List.of(organizationId)));
        try (Response response = parentGroupId == null ? realm().groups().add(group)
                : realm().groups().group(parentGroupId).subGroup(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    @Override
    public void moveGroup(String groupId, String newParentGroupId) {
        GroupRepresentation group = realm().groups().group(groupId).toRepresentation();
        // Posting an existing group as a child moves it (with its subgroups) under the new parent.
        try (Response response = newParentGroupId == null ? realm().groups().add(group)
                : realm().groups().group(newParentGroupId).subGroup(group)) {
            if (response.getStatus() >= 300) {
                throw new IllegalStateException("Keycloak refused to move group " + groupId + ": "
                        + response.getStatus());
            }
        }
    }

    @Override
    public void setDisplayName(String groupId, String displayName) {
        GroupRepresentation group = realm().groups().group(groupId).toRepresentation();
        Map<String, List<String>> attributes = group.getAttributes() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(group.getAttributes());
        attributes.put(DISPLAY_NAME, List.of(displayName));
        group.setAttributes(attributes);
        realm().groups().group(groupId).update(group);
    }

    @Override
    public void deleteGroup(String groupId) {
        realm().groups().group(groupId).remove();
    }

    @Override
    public Optional<Account> accountByUsername(String username) {
        return realm().users().searchByUsername(username, true).stream().findFirst()
                .map(user -> new Account(user.getId(), user.getUsername(), !Boolean.FALSE.equals(user.isEnabled())));
    }

    @Override
    public String createAccount(String username, String displayName, String memberId) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName(displayName);
        if (memberId != null) {
            user.setAttributes(Map.of(MEMBER_ID, List.of(memberId)));
        }
        // No password is set here: the member sets one through the account-activation flow.
        user.setRequiredActions(List.of("UPDATE_PASSWORD"));
        try (Response response = realm().users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    @Override
    public void ensureRealmRole(String accountId, String role) {
        UserResource user = realm().users().get(accountId);
        boolean has = user.roles().realmLevel().listAll().stream().anyMatch(r -> r.getName().equals(role));
        if (!has) {
            RoleRepresentation representation = realm().roles().get(role).toRepresentation();
            user.roles().realmLevel().add(List.of(representation));
        }
    }

    @Override
    public java.util.Set<String> groupMemberships(String accountId) {
        return realm().users().get(accountId).groups().stream().map(GroupRepresentation::getId)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void ensureGroupMembership(String accountId, String groupId) {
        UserResource user = realm().users().get(accountId);
        boolean member = user.groups().stream().anyMatch(g -> g.getId().equals(groupId));
        if (!member) {
            user.joinGroup(groupId);
        }
    }

    @Override
    public void removeRealmRole(String accountId, String role) {
        UserResource user = realm().users().get(accountId);
        user.roles().realmLevel().listAll().stream().filter(r -> r.getName().equals(role)).findFirst()
                .ifPresent(r -> user.roles().realmLevel().remove(List.of(r)));
    }

    @Override
    public void removeGroupMembership(String accountId, String groupId) {
        UserResource user = realm().users().get(accountId);
        if (user.groups().stream().anyMatch(g -> g.getId().equals(groupId))) {
            user.leaveGroup(groupId);
        }
    }

    @Override
    public void disableAccount(String accountId) {
        UserResource user = realm().users().get(accountId);
        UserRepresentation representation = user.toRepresentation();
        representation.setEnabled(false);
        user.update(representation);
    }
}
