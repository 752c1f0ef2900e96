package city.party.donation.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code donation.beneficiary-groups}: the groups funds may be disbursed to, code → display name.
 * Data, not code: a new group (e.g. for another kind of emergency) is a configuration change.
 */
@ConfigurationProperties("donation")
public record BeneficiaryGroups(@DefaultValue Map<String, String> beneficiaryGroups) {

    public BeneficiaryGroups {
        beneficiaryGroups = new LinkedHashMap<>(beneficiaryGroups);
    }

    public boolean knows(String code) {
        return code != null && beneficiaryGroups.containsKey(code);
    }

    public String name(String code) {
        return beneficiaryGroups.getOrDefault(code, code);
    }
}
