package city.party.activity.kind;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A kind of activity (支部党员大会, 主题党日, …) — data, not an enum: seeded from configuration at
 * start-up and extended by the work committee without a release.
 *
 * @param code      stable id used in events and compliance rules, e.g. {@code theme-party-day}
 * @param votes     a meeting that may vote, so the quorum rule (more than half of voting members
 *                  present) is checked and shown
 * @param appraisal democratic appraisal of members is recorded at this kind of activity
 */
@Document("activity_kinds")
public record ActivityKind(@Id String code, String name, String description, boolean votes, boolean appraisal,
        boolean active, String createdBy, Instant createdAt) {
}
