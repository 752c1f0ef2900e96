package city.party.member.member.domain;

/** 性别. */
public enum Gender {
    MALE, FEMALE
}
