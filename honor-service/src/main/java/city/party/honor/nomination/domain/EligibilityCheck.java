package city.party.honor.nomination.domain;

import java.util.List;

/**
 * Whether a nominee may be honoured, criterion by criterion, with the reason for each, so a clerk
 * sees why (and the problem body of a refused nomination lists them).
 */
public record EligibilityCheck(boolean eligible, List<Criterion> criteria) {

    /**
     * @param code   stable id, e.g. {@code full-member}
     * @param met    whether the nominee meets it
     * @param detail why (in English; the criterion code has a Chinese message)
     * @param source the rule it comes from
     * @param args   the values in the reason (for the localised message)
     */
    public record Criterion(String code, boolean met, String detail, String source, List<String> args) {

        public Criterion {
            args = args == null ? List.of() : List.copyOf(args);
        }

        public Criterion(String code, boolean met, String detail, String source) {
            this(code, met, detail, source, List.of());
        }

        /** The message code of the reason: {@code eligibility.<code>.met|unmet}. */
        public String messageCode() {
            return "eligibility." + code + (met ? ".met" : ".unmet");
        }

        public Criterion withDetail(String localised) {
            return new Criterion(code, met, localised, source, args);
        }
    }

    public static EligibilityCheck of(List<Criterion> criteria) {
        return new EligibilityCheck(criteria.stream().allMatch(Criterion::met), List.copyOf(criteria));
    }
}
