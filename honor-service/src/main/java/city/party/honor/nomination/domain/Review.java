package city.party.honor.nomination.domain;

import java.time.Instant;

/** One decision on a nomination: at which level, by whom, when and why. */
public record Review(ReviewLevel level, Decision decision, String reviewer, Instant at, String comment) {

    public enum Decision {
        APPROVE, REJECT
    }

    /** UNIT party committee, the work COMMITTEE (工委), or an upheld objection during the NOTICE. */
    public enum ReviewLevel {
        UNIT, COMMITTEE, NOTICE
    }
}
