package city.party.member.keycloak;

import java.util.Optional;

/**
 * The part of the identity provider the tree sync needs, in the platform's terms. The production
 * implementation talks to Keycloak's admin API ({@link KeycloakDirectory}); unit tests use an
 * in-memory one. All methods block: callers run them off the event loop.
 */
public interface GroupDirectory {

    /** A group as the directory has it: its id, full path and display name. */
    record Group(String id, String path, String displayName) {
    }

    Optional<Group> groupById(String groupId);

    Optional<Group> groupByPath(String path);

    /** Creates {@code name} under {@code parentGroupId}; returns the new group's id. */
    String createGroup(String parentGroupId, String name, String displayName, String organizationId);

    /** Moves a group (with its subgroups) under another parent. */
    void moveGroup(String groupId, String newParentGroupId);

    void setDisplayName(String groupId, String displayName);

    void deleteGroup(String groupId);

    /** A user account, if one exists with that username. */
    record Account(String id, String username, boolean enabled) {
    }

    Optional<Account> accountByUsername(String username);

    /** Creates an enabled account that must set its password at first login; returns its id. */
    String createAccount(String username, String displayName, String memberId);

    void ensureRealmRole(String accountId, String role);

    /** The ids of the groups the account is a direct member of. */
    java.util.Set<String> groupMemberships(String accountId);

    void ensureGroupMembership(String accountId, String groupId);

    void removeRealmRole(String accountId, String role);

    void removeGroupMembership(String accountId, String groupId);

    /** Disables the account: it can no longer sign in (its tokens expire on their own). */
    void disableAccount(String accountId);
}
