package city.party.member.dues.domain;

import java.time.Instant;

/**
 * What a member's monthly dues are assessed on, from a month on. The income is sensitive: it is
 * shown only to the member and those who administer them, and never published in an event.
 */
public record DuesBase(IncomeCategory category, long monthlyIncomeFen, String since, String recordedBy,
        Instant recordedAt) {

    public long monthlyDuesFen() {
        return DuesScale.monthlyDuesFen(category, monthlyIncomeFen);
    }
}
