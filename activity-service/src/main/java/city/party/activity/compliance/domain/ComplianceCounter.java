package city.party.activity.compliance.domain;

import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Held activities of one kind by one organisation in one year, per month ({@code m1}..{@code m12}),
 * maintained as activities are held and cancelled. {@code activityIds} makes every update
 * idempotent: an activity is counted only if it is not in the list, taken back only if it is.
 * Any compliance period lies within one year, so a query reads one document per organisation and kind.
 */
@Document("compliance_counters")
public record ComplianceCounter(@Id String id, String organizationId, int year, String kind,
        Map<String, Integer> months, List<String> activityIds) {

    public static String id(String organizationId, int year, String kind) {
        return organizationId + "|" + year + "|" + kind;
    }

    /** Held per month, indexed 1–12. */
    public int[] heldByMonth() {
        int[] held = new int[13];
        if (months != null) {
            for (int m = 1; m <= 12; m++) {
                Integer value = months.get("m" + m);
                held[m] = value == null ? 0 : Math.max(0, value);
            }
        }
        return held;
    }
}
