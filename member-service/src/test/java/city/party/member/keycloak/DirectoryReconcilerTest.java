package city.party.member.keycloak;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import city.party.member.member.domain.LifecycleRules;
import city.party.member.member.domain.LifecycleStage;
import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberRegistration;
import city.party.member.organization.domain.Organization;
import city.party.member.organization.domain.OrganizationType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryReconcilerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);

    /** An in-memory directory that behaves like Keycloak's group tree (paths follow parents). */
    static final class InMemoryDirectory implements GroupDirectory {

        final Map<String, String[]> groups = new HashMap<>(); // id -> {parentId, name, displayName}
        final Map<String, Account> accounts = new HashMap<>();
        final Map<String, Set<String>> roles = new HashMap<>();
        final Map<String, Set<String>> memberships = new HashMap<>();
        int writes;

        String path(String id) {
            String[] g = groups.get(id);
            return (g[0] == null ? "" : path(g[0])) + "/" + g[1];
        }

        @Override
        public Optional<Group> groupById(String id) {
            return groups.containsKey(id) ? Optional.of(new Group(id, path(id), groups.get(id)[2])) : Optional.empty();
        }

        @Override
        public Optional<Group> groupByPath(String path) {
            return groups.keySet().stream().filter(id -> path(id).equals(path)).findFirst().flatMap(this::groupById);
        }

        @Override
        public String createGroup(String parent, String name, String displayName, String organizationId) {
            writes++;
            String id = UUID.randomUUID().toString();
            groups.put(id, new String[] { parent, name, displayName });
            return id;
        }

        @Override
        public void moveGroup(String id, String parent) {
            writes++;
            groups.get(id)[0] = parent;
        }

        @Override
        public void setDisplayName(String id, String displayName) {
            writes++;
            groups.get(id)[2] = displayName;
        }

        @Override
        public void deleteGroup(String id) {
            writes++;
            groups.remove(id);
        }

        @Override
        public Optional<Account> accountByUsername(String username) {
            return Optional.ofNullable(accounts.get(username));
        }

        @Override
        public String createAccount(String username, String displayName, String memberId) {
            writes++;
            Account account = new Account(UUID.randomUUID().toString(), username, true);
            accounts.put(username, account);
            return account.id();
        }

        @Override
        public void ensureRealmRole(String accountId, String role) {
            if (roles.computeIfAbsent(accountId, k -> new HashSet<>()).add(role)) {
                writes++;
            }
        }

        @Override
        public Set<String> groupMemberships(String accountId) {
            return Set.copyOf(memberships.getOrDefault(accountId, Set.of()));
        }

        @Override
        public void ensureGroupMembership(String accountId, String groupId) {
            if (memberships.computeIfAbsent(accountId, k -> new HashSet<>()).add(groupId)) {
                writes++;
            }
        }

        @Override
        public void removeRealmRole(String accountId, String role) {
            if (roles.getOrDefault(accountId, new HashSet<>()).remove(role)) {
                writes++;
            }
        }

        @Override
        public void disableAccount(String accountId) {
            writes++;
            accounts.replaceAll((name, a) -> a.id().equals(accountId) ? new Account(a.id(), a.username(), false) : a);
        }

        @Override
        public void removeGroupMembership(String accountId, String groupId) {
            if (memberships.getOrDefault(accountId, new HashSet<>()).remove(groupId)) {
                writes++;
            }
        }
    }

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final DirectoryReconciler reconciler = new DirectoryReconciler(directory, CLOCK);
    private final Map<String, GroupLink> links = new HashMap<>();

    private final Organization root = Organization.root("市直机关工委", CLOCK);
    private final Organization unitA = Organization.create("unit-a", "市财政局", OrganizationType.UNIT, root, "c", CLOCK);
    private final Organization unitB = Organization.create("unit-b", "市卫健委", OrganizationType.UNIT, root, "c", CLOCK);
    private final Organization branch = Organization.create("branch-a1", "机关第一党支部", OrganizationType.BRANCH, unitA,
            "c", CLOCK);

    private static Member memberWithAccount(String organizationId, String username) {
        LifecycleRules rules = city.party.member.member.domain.ConfiguredRules.RULES;
        return Member.register(new MemberRegistration("王芳", null, null, null, null, "11010519491231002X", null,
                organizationId, LifecycleStage.APPLICANT, LocalDate.of(2026, 1, 1), null, null, null, null, null, null,
                null, null, username), rules, "c", CLOCK);
    }

    @Test
    void mirrorsTheTreeAndIsIdempotent() {
        SyncReport first = reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of());
        assertThat(first.getGroupsCreated()).isEqualTo(4);
        assertThat(directory.groupByPath("/city/unit-a/branch-a1")).isPresent();
        int writes = directory.writes;
        SyncReport second = reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of());
        assertThat(second.isInSync()).isTrue();
        assertThat(directory.writes).isEqualTo(writes);
    }

    @Test
    void adoptsExistingGroupsByPathInsteadOfDuplicatingThem() {
        String city = directory.createGroup(null, "city", "市直机关工委", "city");
        SyncReport report = reconciler.reconcile(List.of(root, unitA), links, List.of());
        assertThat(report.getGroupsCreated()).isEqualTo(1);
        assertThat(links.get("city").groupId()).isEqualTo(city);
    }

    @Test
    void followsRenamesMovesAndDissolutionsIncludingDriftMadeByHand() {
        reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of());
        branch.rename("机关第二党支部", "c", CLOCK);
        branch.moveTo(unitB, "c", CLOCK);
        SyncReport report = reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of());
        assertThat(report.getGroupsMoved()).isEqualTo(1);
        assertThat(report.getGroupsRenamed()).isEqualTo(1);
        String groupId = links.get("branch-a1").groupId();
        assertThat(directory.path(groupId)).isEqualTo("/city/unit-b/branch-a1");

        directory.deleteGroup(links.get("unit-a").groupId()); // someone deleted it in the admin console
        assertThat(reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of()).getGroupsCreated())
                .isEqualTo(1);

        branch.dissolve(0, 0, "c", CLOCK);
        assertThat(reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of()).getGroupsRemoved())
                .isEqualTo(1);
        assertThat(directory.groupById(groupId)).isEmpty();
    }

    @Test
    void membersWithAnAccountGetOneInTheirOrganisationsGroupWithTheMemberRole() {
        Member linked = memberWithAccount("branch-a1", "member-a");
        directory.accounts.put("member-a", new GroupDirectory.Account("kc-1", "member-a", true));
        Member fresh = memberWithAccount("branch-a1", "new-member");
        SyncReport report = reconciler.reconcile(List.of(root, unitA, branch), links, List.of(linked, fresh));
        assertThat(report.getAccountsCreated()).isEqualTo(1);
        assertThat(report.getAccountsLinked()).isEqualTo(1);
        String branchGroup = links.get("branch-a1").groupId();
        assertThat(directory.memberships.get("kc-1")).containsExactly(branchGroup);
        assertThat(directory.roles.get(directory.accounts.get("new-member").id())).containsExactly("member");
        assertThat(report.accounts()).containsEntry(linked.getId(), "kc-1")
                .containsEntry(fresh.getId(), directory.accounts.get("new-member").id());
    }

    private String administratorsGroup(String organizationPath) {
        return directory.groupByPath(organizationPath + "/_administrators").orElseThrow().id();
    }

    @Test
    void administratorsGetTheRoleAndTheAdministratorsSubgroupAndLoseThemWhenRemoved() {
        Member secretaryAsMember = memberWithAccount("branch-a1", "secretary-a");
        unitA.assignAdministrator("admin-a", "c", CLOCK);
        branch.assignAdministrator("secretary-a", "c", CLOCK);
        branch.assignAdministrator("admin-a", "c", CLOCK);
        reconciler.reconcile(List.of(root, unitA, branch), links, List.of(secretaryAsMember));
        String adminA = directory.accounts.get("admin-a").id();
        String secretaryA = directory.accounts.get("secretary-a").id();
        String branchGroup = links.get("branch-a1").groupId();
        String unitAdministrators = administratorsGroup("/city/unit-a");
        String branchAdministrators = administratorsGroup("/city/unit-a/branch-a1");
        assertThat(directory.roles.get(adminA)).containsExactly("org-admin");
        assertThat(directory.memberships.get(adminA)).containsExactlyInAnyOrder(unitAdministrators,
                branchAdministrators);
        assertThat(directory.roles.get(secretaryA)).containsExactlyInAnyOrder("org-admin", "member");
        assertThat(directory.memberships.get(secretaryA)).containsExactlyInAnyOrder(branchGroup, branchAdministrators);

        // admin-a still administers unit-a: keeps the role, leaves only branch-a1's administrators
        branch.removeAdministrator("admin-a", "c", CLOCK);
        // secretary-a is also a member of branch-a1: keeps its group, loses the role
        branch.removeAdministrator("secretary-a", "c", CLOCK);
        SyncReport report = reconciler.reconcile(List.of(root, unitA, branch), links, List.of(secretaryAsMember));
        assertThat(directory.roles.get(adminA)).containsExactly("org-admin");
        assertThat(directory.memberships.get(adminA)).containsExactly(unitAdministrators);
        assertThat(directory.roles.get(secretaryA)).containsExactly("member");
        assertThat(directory.memberships.get(secretaryA)).containsExactly(branchGroup);
        assertThat(report.revocations().get("branch-a1")).containsExactlyInAnyOrder("admin-a", "secretary-a");

        branch.revocationsApplied(report.revocations().get("branch-a1"));
        assertThat(branch.getAdministratorsToRevoke()).isEmpty();
        int writes = directory.writes;
        reconciler.reconcile(List.of(root, unitA, branch), links, List.of(secretaryAsMember));
        assertThat(directory.writes).as("nothing left to do").isEqualTo(writes);
    }

    @Test
    void anAdministratorWhoIsAMemberElsewhereBelongsThereAndAdministersOnlyHerOrganisation() {
        Organization branchB = Organization.create("branch-b1", "机关第一党支部", OrganizationType.BRANCH, unitB, "c",
                CLOCK);
        Member memberOfB = memberWithAccount("branch-b1", "secretary-a");
        branch.assignAdministrator("secretary-a", "c", CLOCK);
        reconciler.reconcile(List.of(root, unitA, unitB, branch, branchB), links, List.of(memberOfB));
        String account = directory.accounts.get("secretary-a").id();
        // what the token's groups claim will say: belongs to b1, administers a1 — never administers b1
        assertThat(directory.memberships.get(account).stream().map(directory::path))
                .containsExactlyInAnyOrder("/city/unit-b/branch-b1", "/city/unit-a/branch-a1/_administrators");
    }

    @Test
    void aMemberWhoMovedLeavesTheOldOrganisationsGroup() {
        Member member = memberWithAccount("branch-a1", "member-a");
        reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of(member));
        String account = directory.accounts.get("member-a").id();
        assertThat(directory.memberships.get(account)).containsExactly(links.get("branch-a1").groupId());

        Member transferred = memberWithAccount("unit-b", "member-a");
        SyncReport report = reconciler.reconcile(List.of(root, unitA, unitB, branch), links, List.of(transferred));
        assertThat(directory.memberships.get(account)).containsExactly(links.get("unit-b").groupId());
        assertThat(report.getMembershipsRemoved()).isEqualTo(1);
        assertThat(report.isInSync()).isFalse();
    }

    @Test
    void anAdministratorsGrantOfTheOldKindIsTurnedIntoTheAdministratorsSubgroup() {
        // before administrators had a subgroup, the sync put them into the organisation's group itself
        reconciler.reconcile(List.of(root, unitA, branch), links, List.of());
        String legacy = directory.createAccount("admin-a", "admin-a", null);
        directory.ensureGroupMembership(legacy, links.get("branch-a1").groupId());
        branch.assignAdministrator("admin-a", "c", CLOCK);

        SyncReport report = reconciler.reconcile(List.of(root, unitA, branch), links, List.of());
        assertThat(directory.memberships.get(legacy)).containsExactly(administratorsGroup("/city/unit-a/branch-a1"));
        assertThat(report.getMembershipsRemoved()).isEqualTo(1);
        assertThat(reconciler.reconcile(List.of(root, unitA, branch), links, List.of()).isInSync()).isTrue();
    }

    @Test
    void someoneWhoseMembershipEndedKeepsNoMemberAccess() {
        Member left = memberWithAccount("branch-a1", "member-a");
        Member secretary = memberWithAccount("branch-a1", "secretary-a");
        branch.assignAdministrator("secretary-a", "c", CLOCK);
        reconciler.reconcile(List.of(root, unitA, branch), links, List.of(left, secretary));
        String leftAccount = directory.accounts.get("member-a").id();
        String secretaryAccount = directory.accounts.get("secretary-a").id();

        // both leave the party; the secretary still administers branch-a1 (until someone removes her)
        SyncReport report = reconciler.reconcile(List.of(root, unitA, branch), links, List.of(),
                List.of(left, secretary));
        assertThat(directory.accounts.get("member-a").enabled()).isFalse();
        assertThat(directory.roles.get(leftAccount)).isEmpty();
        assertThat(directory.memberships.get(leftAccount)).isEmpty();
        assertThat(directory.accounts.get("secretary-a").enabled()).isTrue();
        assertThat(directory.roles.get(secretaryAccount)).containsExactly("org-admin");
        assertThat(directory.memberships.get(secretaryAccount))
                .containsExactly(administratorsGroup("/city/unit-a/branch-a1"));
        assertThat(report.getAccountsDisabled()).isEqualTo(1);
        assertThat(report.isInSync()).isFalse();

        // done once: a disabled account is left alone (also when the next run sees it again)
        int writes = directory.writes;
        reconciler.reconcile(List.of(root, unitA, branch), links, List.of(), List.of(left));
        assertThat(directory.writes).isEqualTo(writes);
    }

    @Test
    void aFailureIsReportedAndTheRestStillSyncs() {
        Organization orphan = Organization.create("branch-x", "x", OrganizationType.BRANCH, unitB, "c", CLOCK);
        List<Organization> withoutUnitB = new ArrayList<>(List.of(root, unitA, orphan));
        SyncReport report = reconciler.reconcile(withoutUnitB, links, List.of());
        assertThat(report.getProblems()).singleElement().asString().contains("branch-x");
        assertThat(report.getGroupsCreated()).isEqualTo(2);
    }
}
