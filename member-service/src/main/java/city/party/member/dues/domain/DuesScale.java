package city.party.member.dues.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The monthly dues (党费) of one member, from the brackets of the 2008 regulation on party dues
 * (《关于中国共产党党费收缴、使用和管理的规定》): employed, after-tax fixed income ≤ 3000 元 0.5%,
 * 3000–5000 1%, 5000–10000 1.5%, above 10000 2% (upper bounds inclusive; the rate applies to the
 * whole income, it is not progressive); retirees, pension ≤ 5000 0.5%, above 1%; students, the
 * unemployed and those living on the minimum allowance 0.2 元. Money is integer 分 throughout;
 * the result is rounded half-up to the 分.
 *
 * <p>Dues are not donations: nothing here knows about donation campaigns, and nothing there
 * knows about dues.
 */
public final class DuesScale {

    public static final String SOURCE = "《关于中国共产党党费收缴、使用和管理的规定》(2008) 第二条至第四条";
    public static final long TOKEN_DUES_FEN = 20;

    private DuesScale() {
    }

    /**
     * @param monthlyIncomeFen after-tax fixed monthly income (or pension) in 分; ignored for the
     *                         token category
     * @return monthly dues in 分
     */
    public static long monthlyDuesFen(IncomeCategory category, long monthlyIncomeFen) {
        if (monthlyIncomeFen < 0) {
            throw new IllegalArgumentException("income cannot be negative");
        }
        return switch (category) {
            case STUDENT_UNEMPLOYED_OR_LOW_INCOME -> TOKEN_DUES_FEN;
            case RETIRED -> percentOf(monthlyIncomeFen, monthlyIncomeFen <= 500_000 ? "0.005" : "0.01");
            case EMPLOYED -> percentOf(monthlyIncomeFen, employedRate(monthlyIncomeFen));
        };
    }

    static String employedRate(long monthlyIncomeFen) {
        if (monthlyIncomeFen <= 300_000) {
            return "0.005";
        }
        if (monthlyIncomeFen <= 500_000) {
            return "0.01";
        }
        if (monthlyIncomeFen <= 1_000_000) {
            return "0.015";
        }
        return "0.02";
    }

    private static long percentOf(long fen, String rate) {
        return BigDecimal.valueOf(fen).multiply(new BigDecimal(rate)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
