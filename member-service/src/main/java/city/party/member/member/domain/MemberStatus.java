package city.party.member.member.domain;

/** 党籍状态 / where the member stands in the register. */
public enum MemberStatus {
    ACTIVE,
    /** 组织关系转出中: a transfer letter is out, not yet received. */
    TRANSFERRING,
    DECEASED,
    LEFT,
    /** 自行脱党: six months without organisation life, dues or assigned work. */
    LAPSED
}
