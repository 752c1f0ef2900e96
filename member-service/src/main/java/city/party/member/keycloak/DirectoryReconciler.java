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

/**
 * Makes the directory mirror the register: one group per active organisation at the
 * organisation's path (created, moved or renamed as needed; dissolved organisations' groups
 * removed), and for every member with an account, an account in their organisation's group with
 * the {@code member} role. Idempotent: running it again on a mirrored directory changes nothing, so
 * it serves as the event-driven sync, the periodic catch-up after Keycloak was down, and the
 * on-demand drift repair alike. Plain logic over {@link GroupDirectory}; blocking.
 */
public class DirectoryReconciler {

    private static final String ORG_ADMIN = city.party.platform.security.Roles.ORG_ADMIN;

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
        for (Member member : members) {
            try {
                String accountId = account(member, groupOfOrganization.get(member.getOrganizationId()), report);
                report.accountReady(member.getId(), accountId);
            }
            catch (jakarta.ws.rs.NotAuthorizedException | jakarta.ws.rs.ProcessingException e) {
                throw e;
            }
            catch (RuntimeException e) {
                report.problem("member " + member.getId() + ": " + e.getMessage());
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

    private String account(Member member, String groupId, SyncReport report) {
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
        directory.ensureGroupMembership(accountId, groupId);
        return accountId;
    }

    /**
     * Administrators get the org-admin role and their organisation's group; removed ones lose the
     * group (unless they are a member of that organisation) and the role (unless they still
     * administer another organisation).
     */
    private void administrators(List<Organization> active, List<Organization> all,
            Map<String, String> groupOfOrganization, List<Member> members, SyncReport report) {
        java.util.Set<String> administering = new java.util.HashSet<>();
        active.forEach(o -> administering.addAll(o.getAdministrators()));
        for (Organization organization : active) {
            String groupId = groupOfOrganization.get(organization.getId());
            for (String username : organization.getAdministrators()) {
                try {
                    String accountId = directory.accountByUsername(username).map(GroupDirectory.Account::id)
                            .orElseGet(() -> {
                                report.accountCreated();
                                return directory.createAccount(username, username, null);
                            });
                    directory.ensureRealmRole(accountId, ORG_ADMIN);
                    directory.ensureGroupMembership(accountId, groupId);
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
                        boolean memberHere = members.stream().anyMatch(m -> username.equals(m.getUsername())
                                && organization.getId().equals(m.getOrganizationId()));
                        if (groupId != null && !memberHere && !organization.getAdministrators().contains(username)) {
                            directory.removeGroupMembership(account.id(), groupId);
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

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
