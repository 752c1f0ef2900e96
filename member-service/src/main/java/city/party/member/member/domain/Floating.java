package city.party.member.member.domain;

import java.time.LocalDate;

/**
 * A period in which a member works or lives away from their organisation for a long time (流动党员)
 * and keeps their membership there; {@code hostOrganization} is the party organisation at the
 * destination that takes part in their management, if known.
 *
 * @param returnedOn {@code null} while the member is away
 */
public record Floating(LocalDate since, String destination, String reason, String hostOrganization,
        String recordedBy, LocalDate returnedOn) {

    Floating returned(LocalDate on) {
        return new Floating(since, destination, reason, hostOrganization, recordedBy, on);
    }
}
