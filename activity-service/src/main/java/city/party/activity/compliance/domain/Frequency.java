package city.party.activity.compliance.domain;

/** How often a rule requires an activity; windows are calendar months, quarters, halves or years. */
public enum Frequency {
    MONTHLY(1), QUARTERLY(3), HALF_YEARLY(6), YEARLY(12);

    private final int months;

    Frequency(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }
}
