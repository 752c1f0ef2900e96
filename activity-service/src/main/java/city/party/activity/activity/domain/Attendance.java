package city.party.activity.activity.domain;

/** present / on leave (with a reason) / absent / made up afterwards (补学). */
public enum Attendance {
    PRESENT, ON_LEAVE, ABSENT, MADE_UP
}
