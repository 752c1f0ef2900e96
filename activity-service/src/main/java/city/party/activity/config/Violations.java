package city.party.activity.config;

import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;

/**
 * 422 problems for rules that may have no regulation behind them. platform-core's
 * {@code ProblemException.ruleViolation} stores the source even when null, and a null member makes
 * the problem unrenderable (Map.copyOf), so the source is added only when there is one.
 */
public final class Violations {

    private Violations() {
    }

    public static ProblemException rule(String rule, String source, String detailCode, String defaultDetail,
            Object... args) {
        ProblemException problem = new ProblemException(ProblemType.RULE_VIOLATION, detailCode, defaultDetail, args)
                .with("rule", rule);
        return source == null || source.isBlank() ? problem : problem.with("source", source);
    }
}
