package city.party.member.member.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A request to move a member one stage on, with the facts the rules need.
 *
 * @param to                       the next stage
 * @param effectiveOn              date of the decision (activist designation, candidate listing,
 *                                 branch-meeting vote for probationary, conversion for full)
 * @param reason                   free text for the record
 * @param trainingDays             short-course days (to candidate)
 * @param trainingHours            short-course class hours (to candidate)
 * @param introducerIds            the two introducers' member ids (to candidate)
 * @param introducersAreFullMembers checked by the application service against the register
 * @param approvedOn               date the higher committee approved (to probationary)
 */
public record StageChange(LifecycleStage to, LocalDate effectiveOn, String reason, Integer trainingDays,
        Integer trainingHours, List<String> introducerIds, boolean introducersAreFullMembers, LocalDate approvedOn) {
}
