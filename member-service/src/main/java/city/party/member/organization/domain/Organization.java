package city.party.member.organization.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.regex.Pattern;

import city.party.member.organization.events.OrganizationEvents;
import city.party.platform.events.AggregateRoot;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One organisation in the tree. Its id is a short stable code (also the Keycloak group name);
 * {@code parentId} is the truth about the tree, {@code path} (e.g. {@code /city/unit-a/branch-a1})
 * is derived from it so that a subtree is one anchored prefix query.
 */
@Document("organizations")
public class Organization extends AggregateRoot {

    public static final String ROOT_ID = "city";
    /** Not an organisation id: the path of the organisation directory. */
    static final String DIRECTORY = "directory";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,39}");

    @Id
    private String id;
    private String name;
    private OrganizationType type;
    private String parentId;
    private String path;
    private OrganizationStatus status;
    private CommitteeTerm committee;
    /** Usernames of the organisation's administrators (org-admin of this subtree). */
    private List<String> administrators = new ArrayList<>();
    /**
     * Removed administrators whose access the identity sync has not yet taken away; kept in the
     * same document as the removal so that it cannot be lost between the two.
     */
    private List<String> administratorsToRevoke = new ArrayList<>();
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;

    Organization() {
    }

    /** The work committee (工委), root of the tree. */
    public static Organization root(String name, Clock clock) {
        Organization root = new Organization();
        root.id = ROOT_ID;
        root.name = name;
        root.type = OrganizationType.WORK_COMMITTEE;
        root.path = "/" + ROOT_ID;
        root.status = OrganizationStatus.ACTIVE;
        root.createdAt = clock.instant();
        root.updatedAt = root.createdAt;
        root.createdBy = "system";
        root.raise(OrganizationEvents.TOPIC, OrganizationEvents.CREATED, OrganizationEvents.created(root), clock);
        return root;
    }

    public static Organization create(String id, String name, OrganizationType type, Organization parent,
            String actor, Clock clock) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "organization.id-format",
                    "An organisation id is 2-40 lower-case letters, digits or hyphens.");
        }
        if (id.equals(DIRECTORY)) {
            // GET /api/organizations/directory is the directory of names, not an organisation
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "organization.id-reserved",
                    "The id {0} is reserved; choose another.", id);
        }
        parent.requireActive();
        if (!parent.type.allowedChildren().contains(type)) {
            throw ProblemException.ruleViolation("organization.structure", STRUCTURE_SOURCE,
                    "organization.rule.structure", "A {0} cannot contain a {1}.", parent.type, type);
        }
        Organization organization = new Organization();
        organization.id = id;
        organization.name = name.trim();
        organization.type = type;
        organization.parentId = parent.id;
        organization.path = parent.path + "/" + id;
        organization.status = OrganizationStatus.ACTIVE;
        organization.createdAt = clock.instant();
        organization.updatedAt = organization.createdAt;
        organization.createdBy = actor;
        organization.raise(OrganizationEvents.TOPIC, OrganizationEvents.CREATED,
                OrganizationEvents.created(organization), clock);
        return organization;
    }

    static final String STRUCTURE_SOURCE = "《中国共产党党和国家机关基层党组织工作条例》第二章 组织设置";

    public void rename(String newName, String actor, Clock clock) {
        requireActive();
        String trimmed = newName.trim();
        if (trimmed.equals(name)) {
            return;
        }
        String old = name;
        name = trimmed;
        updatedAt = clock.instant();
        raise(OrganizationEvents.TOPIC, OrganizationEvents.RENAMED,
                new OrganizationEvents.Renamed(id, old, name, actor), clock);
    }

    /**
     * Moves this organisation (and so its subtree) under {@code newParent}. The caller rewrites
     * the descendants' paths, which follow from the parent links.
     */
    public void moveTo(Organization newParent, String actor, Clock clock) {
        requireActive();
        newParent.requireActive();
        if (id.equals(ROOT_ID)) {
            throw ProblemException.ruleViolation("organization.structure", STRUCTURE_SOURCE,
                    "organization.rule.root-fixed", "The work committee is the root and cannot move.");
        }
        if (newParent.path.equals(path) || newParent.path.startsWith(path + "/")) {
            throw ProblemException.ruleViolation("organization.no-cycles", STRUCTURE_SOURCE,
                    "organization.rule.no-cycles", "An organisation cannot move into its own subtree.");
        }
        if (!newParent.type.allowedChildren().contains(type)) {
            throw ProblemException.ruleViolation("organization.structure", STRUCTURE_SOURCE,
                    "organization.rule.structure", "A {0} cannot contain a {1}.", newParent.type, type);
        }
        String oldPath = path;
        String oldParent = parentId;
        parentId = newParent.id;
        path = newParent.path + "/" + id;
        updatedAt = clock.instant();
        raise(OrganizationEvents.TOPIC, OrganizationEvents.MOVED,
                new OrganizationEvents.Moved(id, oldParent, parentId, oldPath, path, actor), clock);
    }

    /** Follows a move of an ancestor (no event: the ancestor's move event covers the subtree). */
    public void rebase(String oldPrefix, String newPrefix) {
        if (path.startsWith(oldPrefix + "/")) {
            path = newPrefix + path.substring(oldPrefix.length());
        }
    }

    /**
     * Dissolves an organisation that no longer has active sub-organisations or members (the
     * caller counts them: they live in other documents).
     */
    public void dissolve(long activeChildren, long activeMembers, String actor, Clock clock) {
        requireActive();
        if (id.equals(ROOT_ID)) {
            throw ProblemException.ruleViolation("organization.structure", STRUCTURE_SOURCE,
                    "organization.rule.root-fixed", "The work committee is the root and cannot be dissolved.");
        }
        if (activeChildren > 0 || activeMembers > 0) {
            throw ProblemException.ruleViolation("organization.dissolve-only-empty", STRUCTURE_SOURCE,
                    "organization.rule.dissolve-only-empty",
                    "Only an empty organisation can be dissolved ({0} sub-organisations, {1} members remain).",
                    activeChildren, activeMembers);
        }
        status = OrganizationStatus.DISSOLVED;
        updatedAt = clock.instant();
        // Whoever administered it no longer does.
        administratorsToRevoke.addAll(administrators);
        administrators.clear();
        raise(OrganizationEvents.TOPIC, OrganizationEvents.DISSOLVED,
                new OrganizationEvents.Dissolved(id, path, actor), clock);
    }

    /** Records the committee elected on {@code term.electedOn()} (replacing the previous one). */
    public void electCommittee(CommitteeTerm term, String actor, Clock clock) {
        requireActive();
        if (type == OrganizationType.GROUP || type == OrganizationType.UNIT || type == OrganizationType.WORK_COMMITTEE) {
            throw ProblemException.ruleViolation("organization.committee", STRUCTURE_SOURCE,
                    "organization.rule.no-committee", "A {0} has no elected committee.", type);
        }
        if (term.termYears() < 1 || term.termYears() > 5 || term.seats() == null || term.seats().isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "organization.committee-invalid",
                    "A committee has at least one seat and a term of 1 to 5 years.");
        }
        committee = term;
        updatedAt = clock.instant();
    }

    /** Makes {@code username} an administrator of this organisation (idempotent). */
    public boolean assignAdministrator(String username, String actor, Clock clock) {
        requireActive();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "organization.administrator-invalid",
                    "An administrator is given by a username (letters, digits, . _ -; up to 60).");
        }
        if (administrators.contains(username)) {
            return false;
        }
        administrators.add(username);
        administratorsToRevoke.remove(username);
        updatedAt = clock.instant();
        raise(OrganizationEvents.TOPIC, OrganizationEvents.ADMINISTRATOR_ASSIGNED,
                new OrganizationEvents.AdministratorAssigned(id, path, username, actor), clock);
        return true;
    }

    /** Ends {@code username}'s administration of this organisation; the identity sync revokes the access. */
    public void removeAdministrator(String username, String actor, Clock clock) {
        if (!administrators.remove(username)) {
            throw ProblemException.notFound("administrator", username);
        }
        administratorsToRevoke.add(username);
        updatedAt = clock.instant();
        raise(OrganizationEvents.TOPIC, OrganizationEvents.ADMINISTRATOR_REMOVED,
                new OrganizationEvents.AdministratorRemoved(id, path, username, actor), clock);
    }

    /** The identity sync has revoked these: forget them. */
    public void revocationsApplied(java.util.Collection<String> usernames) {
        administratorsToRevoke.removeAll(usernames);
    }

    void requireActive() {
        if (status != OrganizationStatus.ACTIVE) {
            throw ProblemException.conflict("organization.dissolved", "Organisation {0} is dissolved.", id);
        }
    }

    @Override
    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public OrganizationType getType() {
        return type;
    }

    public String getParentId() {
        return parentId;
    }

    public String getPath() {
        return path;
    }

    public OrganizationStatus getStatus() {
        return status;
    }

    public List<String> getAdministrators() {
        return administrators == null ? List.of() : List.copyOf(administrators);
    }

    public List<String> getAdministratorsToRevoke() {
        return administratorsToRevoke == null ? List.of() : List.copyOf(administratorsToRevoke);
    }

    public CommitteeTerm getCommittee() {
        return committee;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
