package city.party.honor.program.domain;

import java.time.Instant;
import java.util.List;

/** What a committee clerk enters to open a programme. */
public record ProgramDraft(String name, Integer year, List<Category> categories, List<Quota> quotas,
        Instant opensAt, Instant closesAt, Instant unitReviewDeadline, Instant committeeReviewDeadline,
        Integer noticeDays) {
}
