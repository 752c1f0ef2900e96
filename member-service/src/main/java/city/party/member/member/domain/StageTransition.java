package city.party.member.member.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One step of a member's lifecycle as recorded: what changed, as of which date, who recorded it,
 * when and why, and which version of the rules it was checked against.
 */
public record StageTransition(LifecycleStage from, LifecycleStage to, LocalDate effectiveOn, Instant recordedAt,
        String recordedBy, String reason, String rulesVersion) {
}
