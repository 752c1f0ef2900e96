package city.party.honor.nomination.domain;

/**
 * The way of a nomination: submitted by a unit → approved by the unit party committee → approved by
 * the work committee (工委) → on public notice (公示) → awarded. It can be rejected at either
 * review or by an upheld objection during the notice.
 */
public enum NominationState {
    SUBMITTED, UNIT_APPROVED, COMMITTEE_APPROVED, IN_NOTICE, AWARDED, REJECTED
}
