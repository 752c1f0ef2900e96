package city.party.platform.money;

import city.party.platform.web.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({ "100.00, 10000", "22.5, 2250", "0.01, 1", "0, 0", "99999999999.99, 9999999999999", "7, 700" })
    void parsesExactAmounts(String text, long fen) {
        assertThat(Money.parseFen("amount", text)).isEqualTo(fen);
        assertThat(Money.parseFen("amount", Money.format(fen))).isEqualTo(fen);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e3", "-5", "0.001", "abc", "", "1,000.00", "01.00", "100000000000.00", "NaN", " . " })
    void refusesAnythingThatIsNotAPlainAmount(String text) {
        assertThatThrownBy(() -> Money.parseFen("amount", text)).isInstanceOf(ProblemException.class);
    }

    @ParameterizedTest
    @CsvSource({ "0, 0.00", "5, 0.05", "1050, 10.50", "-250, -2.50" })
    void formatsTwoDecimals(long fen, String text) {
        assertThat(Money.format(fen)).isEqualTo(text);
    }
}
