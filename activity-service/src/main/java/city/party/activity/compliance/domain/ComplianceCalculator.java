package city.party.activity.compliance.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Required vs held per kind for one organisation and period, from monthly held counts. Pure: the
 * organisation, counts and "today" (in Asia/Shanghai) come in, so every boundary is unit-tested.
 */
public final class ComplianceCalculator {

    private final List<ComplianceRule> rules;
    private final java.time.Period newOrganizationGrace;

    public ComplianceCalculator(List<ComplianceRule> rules, java.time.Period newOrganizationGrace) {
        this.rules = List.copyOf(rules);
        this.newOrganizationGrace = newOrganizationGrace;
    }

    /** The organisation as compliance sees it. {@code dissolvedOn} null while it exists. */
    public record Subject(String id, String type, LocalDate createdOn, LocalDate dissolvedOn) {
    }

    public record WindowResult(String window, int required, int held, ComplianceStatus status, LocalDate dueOn) {
    }

    public record KindResult(String kind, Frequency frequency, int required, int held, ComplianceStatus status,
            LocalDate dueOn, String source, List<WindowResult> windows) {
    }

    /**
     * @param heldByKindAndMonth held activities per kind code, indexed by month 1–12 of the period's year
     */
    public List<KindResult> evaluate(Subject organization, Period period, Map<String, int[]> heldByKindAndMonth,
            LocalDate today) {
        return prepare(period, today).evaluate(organization, heldByKindAndMonth);
    }

    /**
     * The windows of every rule for one period, worked out once: a roll-up over thousands of
     * organisations then only adds up counts.
     */
    public Prepared prepare(Period period, LocalDate today) {
        List<List<Period>> windows = new ArrayList<>();
        for (ComplianceRule rule : rules) {
            windows.add(period.windowsOf(rule.frequency()));
        }
        return new Prepared(windows, today);
    }

    public final class Prepared {

        private final List<List<Period>> windows;
        private final LocalDate today;

        private Prepared(List<List<Period>> windows, LocalDate today) {
            this.windows = windows;
            this.today = today;
        }

        public List<KindResult> evaluate(Subject organization, Map<String, int[]> heldByKindAndMonth) {
            List<KindResult> results = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                ComplianceRule rule = rules.get(r);
                if (!rule.appliesTo(organization.type())) {
                    continue;
                }
                int[] months = heldByKindAndMonth.getOrDefault(rule.kind(), NONE);
                List<WindowResult> results1 = new ArrayList<>();
                for (Period window : windows.get(r)) {
                    int held = 0;
                    for (int m = window.firstMonth(); m < window.firstMonth() + window.length().months(); m++) {
                        held += months[m];
                    }
                    if (!required(organization, window)) {
                        results1.add(new WindowResult(window.id(), 0, held, ComplianceStatus.NOT_REQUIRED,
                                window.dueOn()));
                        continue;
                    }
                    ComplianceStatus status = held >= rule.times() ? ComplianceStatus.MET
                            : today.isBefore(window.end()) ? ComplianceStatus.DUE : ComplianceStatus.OVERDUE;
                    results1.add(new WindowResult(window.id(), rule.times(), held, status, window.dueOn()));
                }
                results.add(combine(rule, results1));
            }
            return results;
        }
    }

    private static final int[] NONE = new int[13];

    /**
     * Expected only if the organisation existed at least the grace period before the window ended
     * (a branch founded on 28 November owes no November meeting) and was not dissolved before it ended.
     */
    boolean required(Subject organization, Period window) {
        if (organization.createdOn() != null
                && organization.createdOn().plus(newOrganizationGrace).isAfter(window.end())) {
            return false;
        }
        return organization.dissolvedOn() == null || !organization.dissolvedOn().isBefore(window.end());
    }

    private static KindResult combine(ComplianceRule rule, List<WindowResult> windows) {
        int required = windows.stream().mapToInt(WindowResult::required).sum();
        int held = windows.stream().mapToInt(WindowResult::held).sum();
        ComplianceStatus status;
        if (windows.stream().anyMatch(w -> w.status() == ComplianceStatus.OVERDUE)) {
            status = ComplianceStatus.OVERDUE;
        }
        else if (windows.stream().anyMatch(w -> w.status() == ComplianceStatus.DUE)) {
            status = ComplianceStatus.DUE;
        }
        else if (required == 0) {
            status = ComplianceStatus.NOT_REQUIRED;
        }
        else {
            status = ComplianceStatus.MET;
        }
        LocalDate dueOn = windows.stream().filter(w -> w.status() == ComplianceStatus.OVERDUE
                || w.status() == ComplianceStatus.DUE).map(WindowResult::dueOn).findFirst()
                .orElse(windows.get(windows.size() - 1).dueOn());
        return new KindResult(rule.kind(), rule.frequency(), required, held, status, dueOn, rule.source(), windows);
    }

    public List<ComplianceRule> rules() {
        return rules;
    }
}
