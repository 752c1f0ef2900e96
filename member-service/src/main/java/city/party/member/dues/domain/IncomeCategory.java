package city.party.member.dues.domain;

/** Which dues scale applies to a member (关于中国共产党党费收缴、使用和管理的规定). */
public enum IncomeCategory {
    /** 在职: after-tax fixed monthly salary. */
    EMPLOYED,
    /** 离退休: monthly pension. */
    RETIRED,
    /** 学生、下岗失业、依靠最低生活保障金生活: a fixed token amount. */
    STUDENT_UNEMPLOYED_OR_LOW_INCOME
}
