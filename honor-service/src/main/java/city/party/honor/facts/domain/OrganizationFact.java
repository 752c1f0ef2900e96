package city.party.honor.facts.domain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * honor-service's own view of an organisation (from {@code party.organizations}): enough to place
 * a nominee in the tree, find its unit and scope queries by path. Each field group remembers the
 * time of the event that set it, so a stale or replayed event never overwrites a newer fact.
 */
@Document("org_facts")
public class OrganizationFact {

    public static final String UNIT = "UNIT";

    @Id
    private String id;
    private String name;
    private String type;
    private String parentId;
    private String path;
    private boolean dissolved;
    private Instant nameAt;
    private Instant pathAt;
    @Version
    private Long version;

    OrganizationFact() {
    }

    public static OrganizationFact of(String id) {
        OrganizationFact fact = new OrganizationFact();
        fact.id = id;
        return fact;
    }

    /**
     * A creation never overwrites what later events already set (a replay arrives after a rename).
     * The path follows the parent's current path when the parent is known, because a parent that
     * moved meanwhile (another key, maybe another partition) rewrote its subtree's paths.
     */
    public void created(String name, String type, String parentId, String path, OrganizationFact parent,
            Instant at) {
        if (this.type == null) {
            this.type = type;
        }
        if (nameAt == null) {
            this.name = name;
            this.nameAt = at;
        }
        if (pathAt == null) {
            this.parentId = parentId;
            this.path = parent != null && parent.path != null ? parent.path + lastSegment(path) : path;
            this.pathAt = at;
        }
    }

    public void renamed(String name, Instant at) {
        if (nameAt == null || !at.isBefore(nameAt)) {
            this.name = name;
            this.nameAt = at;
        }
    }

    /** The organisation itself moved; true if applied (then its descendants are rebased too). */
    public boolean moved(String newParentId, String newPath, Instant at) {
        if (pathAt != null && at.isBefore(pathAt)) {
            return false;
        }
        this.parentId = newParentId;
        this.path = newPath;
        this.pathAt = at;
        return true;
    }

    /** An ancestor moved: the prefix of this path changes. */
    public void rebased(String oldPrefix, String newPrefix) {
        if (path != null && path.startsWith(oldPrefix + "/")) {
            path = newPrefix + path.substring(oldPrefix.length());
        }
    }

    public void dissolved() {
        this.dissolved = true;
    }

    private static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "/" + path : path.substring(slash);
    }

    /** The id of the municipal unit this organisation belongs to (itself if it is a unit). */
    public static String unitIdOf(String path) {
        if (path == null) {
            return null;
        }
        String[] segments = path.split("/");
        // "/city/unit-a/branch-a1" → ["", "city", "unit-a", "branch-a1"]: the unit is the second level.
        return segments.length >= 3 ? segments[2] : null;
    }

    public static String unitPathOf(String path) {
        String unit = unitIdOf(path);
        return unit == null ? null : "/" + path.split("/")[1] + "/" + unit;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getType() {
        return type;
    }

    public String getParentId() {
        return parentId;
    }

    public String getPath() {
        return path;
    }

    public boolean isDissolved() {
        return dissolved;
    }

    public Long getVersion() {
        return version;
    }
}
