package city.party.member.lapse.domain;

import java.time.YearMonth;
import java.util.Optional;

import city.party.member.member.domain.Member;
import city.party.member.member.domain.MemberStatus;

/**
 * Early warning of lapsed membership (自行脱党): a party member who, without good reason, has not
 * paid dues for six consecutive months is considered to have left the Party (Party Constitution
 * art. 9). Branches must act before that: a member is flagged from {@code warnAfterMonths}
 * consecutive unpaid months, and flagged as due for the lapse procedure from
 * {@code lapseAfterMonths}. The month in progress is not counted (it can still be paid).
 *
 * @param source where the rule comes from, shown with every warning
 */
public record LapseRules(int warnAfterMonths, int lapseAfterMonths, String source) {

    public enum Level {
        /** Unpaid long enough that the branch should talk to the member. */
        WARNING,
        /** Unpaid for the full period: the branch must decide on the lapse procedure. */
        LAPSE_DUE
    }

    public record LapseWarning(String memberId, String name, String organizationId, int consecutiveUnpaidMonths,
            String firstUnpaidMonth, Level level, String source) {
    }

    public LapseRules {
        if (warnAfterMonths < 1 || lapseAfterMonths <= warnAfterMonths) {
            throw new IllegalArgumentException("need 1 <= warn-after-months < lapse-after-months, got "
                    + warnAfterMonths + " and " + lapseAfterMonths);
        }
    }

    /** The warning for {@code member} in {@code currentMonth}, if any. */
    public Optional<LapseWarning> assess(Member member, YearMonth currentMonth) {
        if (member.getStatus() != MemberStatus.ACTIVE) {
            return Optional.empty();
        }
        YearMonth lastDue = currentMonth.minusMonths(1);
        int unpaid = member.consecutiveUnpaidMonths(lastDue);
        if (unpaid < warnAfterMonths) {
            return Optional.empty();
        }
        Level level = unpaid >= lapseAfterMonths ? Level.LAPSE_DUE : Level.WARNING;
        return Optional.of(new LapseWarning(member.getId(), member.getName(), member.getOrganizationId(), unpaid,
                lastDue.minusMonths(unpaid - 1L).toString(), level, source));
    }
}
