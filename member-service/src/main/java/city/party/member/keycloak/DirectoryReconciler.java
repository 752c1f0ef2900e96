package city.party.member.keycloak;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import city.party.member.member.domain.Member;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationStatus;
import city.party.platform.security.CallerScope;

/**
 * Makes the directory mirror the register: one group per active organisation at the
 * organisation's path (created, moved or renamed as needed; dissolved organisations' groups
 * removed); for every member with an account, an account in their organisation's group — and in no
 * other organisation's group — with the {@code member} role; for every administrator, the
 * {@code org-admin} role and membership of the organisation group's
 * {@value CallerScope#ADMINISTRATORS_GROUP} subgroup. Belonging and administering are separate
 * groups so that an administrator of one organisation who is a member of another does not
 * administer that one too (ADR 0011). Idempotent: running it again on a mirrored directory changes
 * nothing, so it serves as the event-driven sync, the periodic catch-up after Keycloak was down,
 * and the on-demand drift repair alike. Plain logic over {@link GroupDirectory}; blocking.
 */
public class DirectoryReconciler {

    private static final String ORG_ADMIN = city.party.platform.security.Roles.ORG_ADMIN;
    private static final String ADMINISTRATORS_DISPLAY_NAME = "管理员";

    private final GroupDirectory directory;
    private final Clock clock;

    public DirectoryReconciler(GroupDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @param organizations every organisation, active and dissolved
     * @param links         known organisation → group links; updated in place
     * @param members       active members with an account
     */
    public SyncReport reconcile(List<Organization> organizations, Map<String, GroupLink> links, List<Member> members) {
        return reconcile(organizations, links, members, List.of());
    }

    /**
     * @param ended members with an account whose membership ended (left, died, lapsed): their
     *              account loses the member role and its organisation group and is disabled —
     *              unless they still administer an organisation
     */
    public SyncReport reconcile(List<Organization> organizations, Map<String, GroupLink> links, List<Member> members,
            List<Member> ended) {
        SyncReport report = new SyncReport(clock.instant());
        Map<String, String> groupOfOrganization = new HashMap<>();
        List<Organization> active = organizations.stream().filter(o -> o.getStatus() == OrganizationStatus.ACTIVE)
                .sorted(Comparator.comparingInt((Organization o) -> depth(o.getPath())).thenComparing(Organization::getPath))
                .toList();
        for (Organization organization : active) {
            try {
                String groupId = mirror(organization, links.get(organization.getId()), groupOfOrganization, report);
                groupOfOrganization.put(organization.getId(), groupId);
                links.put(organization.getId(), new GroupLink(organization.getId(), groupId, organization.getPath(),
                        clock.instant()));
            }
            catch (jakarta.ws.rs.NotAuthorizedException | jakarta.ws.rs.ProcessingException e) {
                throw e; // Keycloak unreachable or refusing us: the whole attempt fails and is retried
            }
            catch (RuntimeException e) {
                report.problem("organization " + organization.getId() + ": " + e.getMessage());
            }
        }
        for (Organization dissolved : organizations.stream()
                .filter(o -> o.getStatus() == OrganizationStatus.DISSOLVED).toList()) {
            GroupLink link = links.remove(dissolved.getId());
            Optional<GroupDirectory.Group> group = link != null ? directory.groupById(link.groupId())
                    : directory.groupByPath(dissolved.getPath());
            group.ifPresent(g -> {
                directory.deleteGroup(g.id());
                report.groupRemoved();
            });
        }
        java.util.Set<String> organizationGroups = java.util.Set.copyOf(groupOfOrganization.values());
        for (Member member : members) {
            try {
                String accountId = account(member, groupOfOrganization.get(member.getOrganizationId()),
                        organizationGroups, report);
                report.accountReady(member.getId(), accountId);
            }
            catch (jakarta.ws.rs.NotAuthorizedException | jakarta.ws.rs.ProcessingException e) {
                throw e;
            }
            catch (RuntimeException e) {
                report.problem("member " + member.getId() + ": " + e.getMessage());
            }
        }
        java.util.Set<String> administering = new java.util.HashSet<>();
        active.forEach(o -> administering.addAll(o.getAdministrators()));
        for (Member member : ended) {
            try {
                endAccess(member, organizationGroups, administering.contains(member.getUsername()), report);
            }
            catch (jakarta.ws.rs.NotAuthorizedException | jakarta.ws.rs.ProcessingException e) {
                throw e;
            }
            catch (RuntimeException e) {
                report.problem("ended member " + member.getId() + ": " + e.getMessage());
            }
        }
        // After the members: an administrator who is also a member gets their account as a member first.
        administrators(active, organizations, groupOfOrganization, members, report);
        return report.finish(clock.instant());
    }

    private String mirror(Organization organization, GroupLink link, Map<String, String> groupOfOrganization,
            SyncReport report) {
        Optional<GroupDirectory.Group> group = link == null ? Optional.empty() : directory.groupById(link.groupId());
        if (group.isEmpty()) {
            group = directory.groupByPath(organization.getPath());
        }
        String parentGroup = organization.getParentId() == null ? null
                : groupOfOrganization.get(organization.getParentId());
        if (organization.getParentId() != null && parentGroup == null) {
            throw new IllegalStateException("the parent " + organization.getParentId() + " has no group yet");
        }
        if (group.isEmpty()) {
            report.groupCreated();
            return directory.createGroup(parentGroup, organization.getId(), organization.getName(),
                    organization.getId());
        }
        GroupDirectory.Group existing = group.get();
        boolean changed = false;
        if (!existing.path().equals(organization.getPath())) {
            directory.moveGroup(existing.id(), parentGroup);
            report.groupMoved();
            changed = true;
        }
        if (!organization.getName().equals(existing.displayName())) {
            directory.setDisplayName(existing.id(), organization.getName());
            report.groupRenamed();
            changed = true;
        }
        if (!changed) {
            report.groupUnchanged();
        }
        return existing.id();
    }

    private String account(Member member, String groupId, java.util.Set<String> organizationGroups,
            SyncReport report) {
        if (groupId == null) {
            throw new IllegalStateException("organization " + member.getOrganizationId() + " has no group");
        }
        Optional<GroupDirectory.Account> existing = directory.accountByUsername(member.getUsername());
        String accountId;
        if (existing.isPresent()) {
            accountId = existing.get().id();
            report.accountLinked();
        }
        else {
            accountId = directory.createAccount(member.getUsername(), member.getName(), member.getId());
            report.accountCreated();
        }
        directory.ensureRealmRole(accountId, "member");
        java.util.Set<String> memberships = directory.groupMemberships(accountId);
        if (!memberships.contains(groupId)) {
            directory.ensureGroupMembership(accountId, groupId);
        }
        // One organisation at a time: the group of the one they left (a transfer), or an
        // administrator's grant from before administrators had their own subgroup, goes.
        for (String other : memberships) {
            if (!other.equals(groupId) && organizationGroups.contains(other)) {
                directory.removeGroupMembership(accountId, other);
                report.membershipRemoved();
            }
        }
        return accountId;
    }

    /**
     * Someone whose membership ended keeps no member access: the role and the organisation group go,
     * and the account is disabled (once: a disabled account is left alone, also if an administrator
     * enables it again by hand). Someone who still administers an organisation keeps the account.
     */
    private void endAccess(Member member, java.util.Set<String> organizationGroups, boolean administers,
            SyncReport report) {
        Optional<GroupDirectory.Account> account = directory.accountByUsername(member.getUsername());
        if (account.isEmpty() || !account.get().enabled()) {
            return;
        }
        String accountId = account.get().id();
        directory.removeRealmRole(accountId, "member");
        for (String group : directory.groupMemberships(accountId)) {
            if (organizationGroups.contains(group)) {
                directory.removeGroupMembership(accountId, group);
                report.membershipRemoved();
            }
        }
        if (!administers) {
            directory.disableAccount(accountId);
            report.accountDisabled();
        }
    }

    /**
     * Administrators get the org-admin role and the administrators subgroup of their organisation's
     * group; removed ones leave that subgroup and lose the role unless they still administer
     * another organisation. An administrator who is no registered member belongs to no
     * organisation group: a grant of one made before administrators had their own subgroup goes.
     */
    private void administrators(List<Organization> active, List<Organization> all,
            Map<String, String> groupOfOrganization, List<Member> members, SyncReport report) {
        java.util.Set<String> administering = new java.util.HashSet<>();
        active.forEach(o -> administering.addAll(o.getAdministrators()));
        java.util.Set<String> memberAccounts = new java.util.HashSet<>();
        members.forEach(m -> memberAccounts.add(m.getUsername()));
        for (Organization organization : active) {
            String groupId = groupOfOrganization.get(organization.getId());
            if (organization.getAdministrators().isEmpty() || groupId == null) {
                continue;
            }
            String administratorsGroup;
            try {
                administratorsGroup = administratorsGroup(organization, groupId, report);
            }
            catch (jakarta.ws.rs.NotAuthorizedException | jakarta.ws.rs.ProcessingException e) {
                throw e;
            }
            catch (RuntimeException e) {
                report.problem("administrators of " + organization.getId() + ": " + e.getMessage());
                continue;
            }
            for (String username : organization.getAdministrators()) {
                try {
                    String accountId = directory.accountByUsername(username).map(GroupDirectory.Account::id)
                            .orElseGet(() -> {
                                report.accountCreated();
                                return directory.createAccount(username, username, null);
                            });
                    directory.ensureRealmRole(accountId, ORG_ADMIN);
                    directory.ensureGroupMembership(accountId, administratorsGroup);
                    if (!memberAccounts.contains(username) && directory.groupMemberships(accountId).contains(groupId)) {
                        directory.removeGroupMembership(accountId, groupId);
                        report.membershipRemoved();
                    }
                }
                catch (jakarta.ws.rs.NotAuthorizedException | jakarta.ws.rs.ProcessingException e) {
                    throw e;
                }
                catch (RuntimeException e) {
                    report.problem("administrator " + username + " of " + organization.getId() + ": " + e.getMessage());
                }
            }
        }
        for (Organization organization : all) {
            String groupId = groupOfOrganization.get(organization.getId());
            for (String username : organization.getAdministratorsToRevoke()) {
                try {
                    directory.accountByUsername(username).ifPresent(account -> {
                        boolean stillAdministers = organization.getAdministrators().contains(username);
                        if (groupId != null && !stillAdministers) {
                            directory.groupByPath(CallerScope.administratorsGroupPath(organization.getPath()))
                                    .ifPresent(group -> directory.removeGroupMembership(account.id(), group.id()));
                            boolean memberHere = members.stream().anyMatch(m -> username.equals(m.getUsername())
                                    && organization.getId().equals(m.getOrganizationId()));
                            if (!memberHere) {
                                directory.removeGroupMembership(account.id(), groupId); // a grant of the old kind
                            }
                        }
                        if (!administering.contains(username)) {
                            directory.removeRealmRole(account.id(), ORG_ADMIN);
                        }
                    });
                    report.revocationApplied(organization.getId(), username);
                }
                catch (jakarta.ws.rs.NotAuthorizedException | jakarta.ws.rs.ProcessingException e) {
                    throw e;
                }
                catch (RuntimeException e) {
                    report.problem("revoking " + username + " of " + organization.getId() + ": " + e.getMessage());
                }
            }
        }
    }

    /** The organisation group's administrators subgroup, created when missing. */
    private String administratorsGroup(Organization organization, String groupId, SyncReport report) {
        Optional<GroupDirectory.Group> existing = directory.groupByPath(
                CallerScope.administratorsGroupPath(organization.getPath()));
        if (existing.isPresent()) {
            return existing.get().id();
        }
        report.groupCreated();
        return directory.createGroup(groupId, CallerScope.ADMINISTRATORS_GROUP, ADMINISTRATORS_DISPLAY_NAME,
                organization.getId());
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
