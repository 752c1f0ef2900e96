package city.party.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the domain or a controller raises on purpose. Its detail is a message code (resolved
 * in the caller's language, Chinese for {@code Accept-Language: zh-CN}) with arguments; the
 * {@code defaultDetail} is used when no message exists for the code.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detailCode;
    private final Object[] detailArgs;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detailCode, String defaultDetail, Object... detailArgs) {
        super(defaultDetail);
        this.type = type;
        this.detailCode = detailCode;
        this.detailArgs = detailArgs;
    }

    /** Adds a machine-readable member to the problem body, e.g. the rule that was violated. */
    public ProblemException with(String name, Object value) {
        // an absent value (e.g. a rule without a configured source) is left out, not rendered as null
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public String detailCode() {
        return detailCode;
    }

    public Object[] detailArgs() {
        return detailArgs.clone();
    }

    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** 404 for an id the caller may not know exists (also used to hide what is out of scope). */
    public static ProblemException notFound(String resource, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, "problem.not-found.resource",
                resource + " " + id + " does not exist", resource, id).with("resource", resource);
    }

    /**
     * 422: the request is well-formed but breaks a domain rule.
     *
     * @param rule   stable rule id, e.g. {@code lifecycle.activist-min-duration}
     * @param source the regulation the rule comes from
     */
    public static ProblemException ruleViolation(String rule, String source, String detailCode, String defaultDetail,
            Object... args) {
        return new ProblemException(ProblemType.RULE_VIOLATION, detailCode, defaultDetail, args).with("rule", rule)
                .with("source", source);
    }

    public static ProblemException conflict(String detailCode, String defaultDetail, Object... args) {
        return new ProblemException(ProblemType.CONFLICT, detailCode, defaultDetail, args);
    }
}
