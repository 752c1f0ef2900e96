package city.party.activity.config;

import java.time.Duration;
import java.time.Period;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code activity.*} (application.yaml): the kinds seeded at start-up, sign-in codes, the
 * compliance rules with their sources and version, attachment limits.
 */
@ConfigurationProperties("activity")
public record ActivityProperties(@DefaultValue List<Kind> kinds, @DefaultValue SignIn signIn,
        @DefaultValue Compliance compliance, @DefaultValue Appraisal appraisal) {

    public record Kind(String code, String name, String description, boolean votes, boolean appraisal) {
    }

    /** @param codeValidity default lifetime of a sign-in code; {@code maxValidity} caps what a secretary may ask */
    public record SignIn(@DefaultValue("15m") Duration codeValidity, @DefaultValue("2h") Duration maxValidity) {
    }

    /**
     * @param version          version of the rule set; reported with every result and overdue warning
     * @param newOrganizationGrace an organisation is expected to hold a period's activities only if
     *                         it existed at least this long before the period ends
     */
    public record Compliance(@DefaultValue("unversioned") String version,
            @DefaultValue("P1M") Period newOrganizationGrace, @DefaultValue List<Rule> rules) {
    }

    /**
     * @param kind              activity kind code
     * @param organizationTypes organisation types the rule applies to
     * @param frequency         MONTHLY, QUARTERLY, HALF_YEARLY or YEARLY
     * @param times             activities required per frequency window
     * @param source            the regulation the rule comes from
     */
    public record Rule(String kind, List<String> organizationTypes, String frequency, @DefaultValue("1") int times,
            String source) {
    }

    /** @param excellentShare at most this share of the appraised may be rated excellent (优秀) */
    public record Appraisal(@DefaultValue("1/3") String excellentShare, @DefaultValue("") String source) {
    }
}
