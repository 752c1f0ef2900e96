package city.party.activity.activity.domain;

import java.time.Instant;

/**
 * An expected attendee (a party member of an organiser organisation on the activity's day) and
 * what became of them. {@code attendance} is null until recorded.
 *
 * @param voting a full member on that day (counts for the quorum)
 * @param via    SIGN_IN when the member signed in with a code, MANUAL when the secretary recorded it
 */
public record Attendee(String memberId, String name, String organizationId, boolean voting, Attendance attendance,
        String reason, String via, String recordedBy, Instant recordedAt) {

    Attendee with(Attendance attendance, String reason, String via, String by, Instant at) {
        return new Attendee(memberId, name, organizationId, voting, attendance, reason, via, by, at);
    }
}
