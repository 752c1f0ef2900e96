package city.party.honor.nomination.domain;

public enum NomineeType {
    MEMBER, ORGANIZATION
}
