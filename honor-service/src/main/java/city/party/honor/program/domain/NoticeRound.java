package city.party.honor.program.domain;

import java.time.Instant;
import java.util.List;

/** One public notice (公示) of approved nominations: who is on it and from when to when. */
public record NoticeRound(String id, Instant startsAt, Instant endsAt, List<String> nominationIds, String startedBy) {
}
