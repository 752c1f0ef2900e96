package city.party.member.member.domain;

import java.time.Period;
import java.util.Map;

/**
 * The timing rules of the member lifecycle as versioned configuration
 * ({@code member.lifecycle} in application.yaml): every rule has a value and the regulation it
 * comes from, and violations quote both. Changing a value means a new {@link #version()}; each
 * recorded transition keeps the version it was checked against.
 */
public record LifecycleRules(String version, Map<String, Rule> rules) {

    public static final String ACTIVIST_MIN_DURATION = "activist-min-duration";
    public static final String CANDIDATE_MIN_TRAINING_DAYS = "candidate-min-training-days";
    public static final String CANDIDATE_MIN_TRAINING_HOURS = "candidate-min-training-hours";
    public static final String INTRODUCERS = "introducers";
    public static final String APPROVAL_MAX_DELAY = "approval-max-delay";
    public static final String PROBATION = "probation";
    public static final String PROBATION_EXTENSION_MIN = "probation-extension-min";
    public static final String PROBATION_EXTENSION_MAX = "probation-extension-max";

    /** One rule: its value (an ISO-8601 period or a number) and its source. */
    public record Rule(String value, String source) {
    }

    public LifecycleRules {
        rules = Map.copyOf(rules);
        for (String required : new String[] { ACTIVIST_MIN_DURATION, CANDIDATE_MIN_TRAINING_DAYS,
                CANDIDATE_MIN_TRAINING_HOURS, INTRODUCERS, APPROVAL_MAX_DELAY, PROBATION, PROBATION_EXTENSION_MIN,
                PROBATION_EXTENSION_MAX }) {
            Rule rule = rules.get(required);
            if (rule == null || rule.value() == null || rule.source() == null || rule.source().isBlank()) {
                throw new IllegalArgumentException("lifecycle rule '" + required + "' needs a value and a source");
            }
        }
    }

    public Period period(String rule) {
        return Period.parse(rules.get(rule).value());
    }

    public int number(String rule) {
        return Integer.parseInt(rules.get(rule).value());
    }

    public String source(String rule) {
        return rules.get(rule).source();
    }
}
