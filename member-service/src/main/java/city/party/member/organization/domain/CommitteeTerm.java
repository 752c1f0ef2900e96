package city.party.member.organization.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * The organisation's elected committee (支委会 / 总支委员会 / 党委) and its term: who sits on it and when
 * it was elected, so re-elections (换届) can be flagged before they fall due.
 */
public record CommitteeTerm(LocalDate electedOn, int termYears, List<Seat> seats) {

    /** One seat: the member and the post (书记, 副书记, 组织委员, 宣传委员, 纪检委员 …). */
    public record Seat(String memberId, String name, String post) {
    }

    public LocalDate dueOn() {
        return electedOn.plusYears(termYears);
    }
}
