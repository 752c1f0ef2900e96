package city.party.activity.readmodel.domain;

import java.time.LocalDate;

/**
 * A stretch of time a member belonged to one organisation: {@code from} inclusive, {@code to}
 * exclusive, {@code null} meaning open. Intervals are kept (never rewritten) so that "who belonged
 * to X on D" stays answerable for past activities after a transfer.
 *
 * @param cause what opened the interval: {@code registered}, a transfer id, or a status change
 */
public record Membership(String organizationId, LocalDate from, LocalDate to, String cause) {

    public boolean covers(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || day.isBefore(to));
    }

    Membership endingOn(LocalDate end) {
        return new Membership(organizationId, from, end, cause);
    }
}
