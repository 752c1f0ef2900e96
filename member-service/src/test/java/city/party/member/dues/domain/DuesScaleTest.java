package city.party.member.dues.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DuesScaleTest {

    @ParameterizedTest(name = "employed, {0} fen income -> {1} fen dues")
    @CsvSource({
            "0, 0",
            "300000, 1500",     // 3000.00 元: upper bound of 0.5% inclusive
            "300001, 3000",     // 3000.01 元: 1% of the whole income
            "500000, 5000",     // 5000.00 元: 1%
            "500001, 7500",     // 5000.01 元: 1.5% -> 75.00015 rounds to 75.00
            "1000000, 15000",   // 10000.00 元: 1.5%
            "1000001, 20000",   // 10000.01 元: 2% -> 200.0002 rounds to 200.00
            "123456, 617",      // 1234.56 元 * 0.5% = 6.1728 -> 6.17
            "345678, 3457"      // 3456.78 元 * 1% = 34.5678 -> 34.57 (half-up)
    })
    void employedBracketsWithInclusiveUpperBounds(long incomeFen, long duesFen) {
        assertThat(DuesScale.monthlyDuesFen(IncomeCategory.EMPLOYED, incomeFen)).isEqualTo(duesFen);
    }

    @ParameterizedTest(name = "retired, {0} fen pension -> {1} fen dues")
    @CsvSource({ "500000, 2500", "500001, 5000", "200000, 1000" })
    void retireesPayHalfAPercentUpTo5000ThenOnePercent(long pensionFen, long duesFen) {
        assertThat(DuesScale.monthlyDuesFen(IncomeCategory.RETIRED, pensionFen)).isEqualTo(duesFen);
    }

    @Property
    void studentsUnemployedAndLowIncomePayTwentyFenWhateverTheAmount(@ForAll @LongRange(max = 10_000_000) long fen) {
        assertThat(DuesScale.monthlyDuesFen(IncomeCategory.STUDENT_UNEMPLOYED_OR_LOW_INCOME, fen)).isEqualTo(20);
    }

    @Property
    void duesNeverExceedTwoPercentAndNeverDecreaseWithinABracket(@ForAll @LongRange(max = 100_000_000) long fen) {
        long dues = DuesScale.monthlyDuesFen(IncomeCategory.EMPLOYED, fen);
        assertThat(dues).isBetween(0L, Math.round(fen * 0.02) + 1);
        if (!DuesScale.employedRate(fen).equals(DuesScale.employedRate(fen + 1))) {
            return; // crossing into the next bracket raises the rate: not monotone across the bound
        }
        assertThat(DuesScale.monthlyDuesFen(IncomeCategory.EMPLOYED, fen + 1)).isGreaterThanOrEqualTo(dues);
    }
}
