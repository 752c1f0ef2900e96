package city.party.activity.activity.domain;

import java.time.Instant;

/** One version of an activity's record (纪实). Editing adds a revision; earlier ones stay. */
public record RecordRevision(int number, String minutes, String recordedBy, Instant recordedAt, String note) {
}
