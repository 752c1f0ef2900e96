package city.party.activity.activity.domain;

import java.time.Instant;
import java.util.List;

/** What a secretary plans: organisers, kind, topic, time window and place. */
public record ActivityPlan(String kind, List<String> organizationIds, String topic, Instant startsAt, Instant endsAt,
        String place) {
}
