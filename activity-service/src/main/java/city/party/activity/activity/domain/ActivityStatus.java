package city.party.activity.activity.domain;

/** Plan → hold → record; cancelled from any of them. */
public enum ActivityStatus {
    PLANNED, HELD, RECORDED, CANCELLED;

    /** Held activities (recorded or not) are what compliance counts. */
    public boolean tookPlace() {
        return this == HELD || this == RECORDED;
    }
}
