package city.party.member.keycloak;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one reconciliation did; returned by the on-demand sync and logged by the periodic one. */
public final class SyncReport {

    private final Instant startedAt;
    private Instant finishedAt;
    private int groupsCreated;
    private int groupsMoved;
    private int groupsRenamed;
    private int groupsRemoved;
    private int groupsUnchanged;
    private int accountsCreated;
    private int accountsLinked;
    private int membershipsRemoved;
    private int accountsDisabled;
    private final List<String> problems = new ArrayList<>();
    /** memberId → account id of every member whose account is in place (not part of the API answer). */
    private final java.util.Map<String, String> accounts = new java.util.HashMap<>();

    public SyncReport(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void groupCreated() {
        groupsCreated++;
    }

    void groupMoved() {
        groupsMoved++;
    }

    void groupRenamed() {
        groupsRenamed++;
    }

    void groupRemoved() {
        groupsRemoved++;
    }

    void groupUnchanged() {
        groupsUnchanged++;
    }

    void accountCreated() {
        accountsCreated++;
    }

    void accountLinked() {
        accountsLinked++;
    }

    void accountDisabled() {
        accountsDisabled++;
    }

    void membershipRemoved() {
        membershipsRemoved++;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    SyncReport finish(Instant at) {
        finishedAt = at;
        return this;
    }

    /** organisationId → usernames whose removal as administrator this run carried out. */
    private final java.util.Map<String, java.util.List<String>> revocations = new java.util.HashMap<>();

    void revocationApplied(String organizationId, String username) {
        revocations.computeIfAbsent(organizationId, k -> new ArrayList<>()).add(username);
    }

    /** organisationId → usernames whose administrator access was revoked by this run. */
    public java.util.Map<String, java.util.List<String>> revocations() {
        return java.util.Collections.unmodifiableMap(revocations);
    }

    void accountReady(String memberId, String accountId) {
        accounts.put(memberId, accountId);
    }

    /** memberId → account id of the members whose account this run found or created. */
    public java.util.Map<String, String> accounts() {
        return java.util.Collections.unmodifiableMap(accounts);
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public int getGroupsCreated() {
        return groupsCreated;
    }

    public int getGroupsMoved() {
        return groupsMoved;
    }

    public int getGroupsRenamed() {
        return groupsRenamed;
    }

    public int getGroupsRemoved() {
        return groupsRemoved;
    }

    public int getGroupsUnchanged() {
        return groupsUnchanged;
    }

    public int getAccountsCreated() {
        return accountsCreated;
    }

    public int getAccountsLinked() {
        return accountsLinked;
    }

    /** Group memberships taken away: members who moved to another organisation, administrators' old grants. */
    public int getMembershipsRemoved() {
        return membershipsRemoved;
    }

    /** Accounts of people whose membership ended (left, died, lapsed) that were disabled. */
    public int getAccountsDisabled() {
        return accountsDisabled;
    }

    public List<String> getProblems() {
        return List.copyOf(problems);
    }

    /** Nothing had to change: the directory already mirrored the register. */
    public boolean isInSync() {
        return groupsCreated + groupsMoved + groupsRenamed + groupsRemoved + accountsCreated
                + membershipsRemoved + accountsDisabled == 0
                && problems.isEmpty();
    }
}
