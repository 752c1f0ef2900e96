package city.party.activity.activity.domain;

/** 民主评议党员 grades: 优秀 / 合格 / 基本合格 / 不合格. */
public enum AppraisalGrade {
    EXCELLENT, QUALIFIED, BASICALLY_QUALIFIED, UNQUALIFIED
}
