package city.party.member.member.domain;

/** The stages of joining the party (发展党员), in order. */
public enum LifecycleStage {
    /** 入党申请人. */
    APPLICANT,
    /** 入党积极分子. */
    ACTIVIST,
    /** 发展对象. */
    CANDIDATE,
    /** 预备党员. */
    PROBATIONARY,
    /** 正式党员. */
    FULL;

    public LifecycleStage next() {
        return this == FULL ? null : values()[ordinal() + 1];
    }

    /** Members in the narrow sense: probationary and full members. */
    public boolean isPartyMember() {
        return this == PROBATIONARY || this == FULL;
    }
}
