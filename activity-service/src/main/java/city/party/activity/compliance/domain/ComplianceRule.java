package city.party.activity.compliance.domain;

import java.util.Set;

/**
 * How many activities of a kind an organisation of certain types must hold per window, with the
 * regulation it comes from. Rules are configuration; their set carries a version.
 */
public record ComplianceRule(String kind, Set<String> organizationTypes, Frequency frequency, int times,
        String source) {

    public boolean appliesTo(String organizationType) {
        return organizationTypes.contains(organizationType);
    }
}
