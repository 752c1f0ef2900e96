package city.party.member.member.domain;

import java.time.LocalDate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitizenIdNumberTest {

    /** The example number of GB 11643-1999 itself. */
    private static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void acceptsTheStandardsExampleAndReadsBirthDateAndGender() {
        CitizenIdNumber id = CitizenIdNumber.parse(STANDARD_EXAMPLE);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.gender()).isEqualTo(Gender.FEMALE);
        assertThat(CitizenIdNumber.parse("11010519491231002x")).isEqualTo(id);
    }

    @Test
    void isMaskedWhenPrintedSoItCannotLeakIntoLogs() {
        assertThat(CitizenIdNumber.parse(STANDARD_EXAMPLE).toString()).isEqualTo("110105********002X");
    }

    @Test
    void rejectsAWrongCheckCharacter() {
        assertThatThrownBy(() -> CitizenIdNumber.parse("110105194912310021"))
                .isInstanceOfSatisfying(CitizenIdNumber.InvalidCitizenIdNumberException.class,
                        e -> assertThat(e.reason()).isEqualTo("check-character"));
    }

    @Test
    void rejectsImpossibleBirthDatesWrongLengthsAndLetters() {
        assertThatThrownBy(() -> CitizenIdNumber.parse(withCheck("11010519490230002")))
                .hasFieldOrPropertyWithValue("reason", "birth-date");
        assertThatThrownBy(() -> CitizenIdNumber.parse("1101051949123100"))
                .hasFieldOrPropertyWithValue("reason", "length");
        assertThatThrownBy(() -> CitizenIdNumber.parse("11010519491231A02X"))
                .hasFieldOrPropertyWithValue("reason", "characters");
        assertThatThrownBy(() -> CitizenIdNumber.parse(null)).hasFieldOrPropertyWithValue("reason", "missing");
    }

    @Property
    void everyNumberWithAValidDateAndItsCheckCharacterIsAccepted(@ForAll @IntRange(min = 110000, max = 659999) int region,
            @ForAll @IntRange(min = 0, max = 30000) int daysAfter1940, @ForAll @IntRange(min = 0, max = 999) int sequence) {
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(daysAfter1940);
        String first17 = String.format("%06d%04d%02d%02d%03d", region, birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), sequence);
        CitizenIdNumber id = CitizenIdNumber.parse(withCheck(first17));
        assertThat(id.birthDate()).isEqualTo(birth);
        assertThat(id.gender()).isEqualTo(sequence % 2 == 1 ? Gender.MALE : Gender.FEMALE);
    }

    @Property
    void anySingleDigitChangeIsDetected(@ForAll @IntRange(min = 0, max = 16) int position,
            @ForAll @IntRange(min = 1, max = 9) int delta) {
        char[] chars = STANDARD_EXAMPLE.toCharArray();
        chars[position] = (char) ('0' + (chars[position] - '0' + delta) % 10);
        String changed = new String(chars);
        assertThatThrownBy(() -> CitizenIdNumber.parse(changed))
                .isInstanceOf(CitizenIdNumber.InvalidCitizenIdNumberException.class);
    }

    static String withCheck(String first17) {
        return first17 + CitizenIdNumber.checkCharacter(first17);
    }
}
