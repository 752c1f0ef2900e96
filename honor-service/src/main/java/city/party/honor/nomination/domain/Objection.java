package city.party.honor.nomination.domain;

import java.time.Instant;

/**
 * An objection lodged during the public notice; {@code lodgedBy} is null when it was anonymous.
 * The text is seen by the committee only.
 */
public record Objection(String id, String text, Instant lodgedAt, String lodgedBy, Status status, String resolvedBy,
        Instant resolvedAt, String resolution) {

    public enum Status {
        OPEN, UPHELD, DISMISSED
    }

    Objection resolve(Status outcome, String by, Instant at, String comment) {
        return new Objection(id, text, lodgedAt, lodgedBy, outcome, by, at, comment);
    }
}
