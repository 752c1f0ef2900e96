package city.party.activity.readmodel.domain;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * activity-service's own copy of an organisation of member-service's tree (from
 * {@code party.organizations}): what compliance needs — type, path and when it came into being.
 */
@Document("organizations")
public class OrganizationNode {

    @Id
    private String id;
    private String name;
    private String type;
    private String parentId;
    private String path;
    /** When member-service created it (the event time); in the city's zone for {@link #createdOn}. */
    private Instant createdAt;
    private LocalDate createdOn;
    private Instant dissolvedAt;
    private LocalDate dissolvedOn;
    /** Time of the last rename applied, so an older rename arriving late does not win. */
    private Instant renamedAt;

    OrganizationNode() {
    }

    public OrganizationNode(String id, String name, String type, String parentId, String path, Instant createdAt,
            LocalDate createdOn) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.parentId = parentId;
        this.path = path;
        this.createdAt = createdAt;
        this.createdOn = createdOn;
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

    public Instant getCreatedAt() {
        return createdAt;
    }

    public LocalDate getCreatedOn() {
        return createdOn;
    }

    public Instant getDissolvedAt() {
        return dissolvedAt;
    }

    public LocalDate getDissolvedOn() {
        return dissolvedOn;
    }

    public Instant getRenamedAt() {
        return renamedAt;
    }

    public boolean isDissolved() {
        return dissolvedAt != null;
    }
}
