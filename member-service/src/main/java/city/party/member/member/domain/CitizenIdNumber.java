package city.party.member.member.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The 18-character citizen identity number (公民身份号码, GB 11643-1999): 6-digit address code,
 * 8-digit birth date, 3-digit sequence (odd for men, even for women), and a check character
 * computed with ISO 7064 MOD 11-2. Both the birth date and the check character are validated.
 * Sensitive: {@link #toString()} is masked so it can never leak into logs by accident.
 */
public final class CitizenIdNumber {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

    private final String value;

    private CitizenIdNumber(String value) {
        this.value = value;
    }

    /**
     * @throws InvalidCitizenIdNumberException naming what is wrong (length, characters, date, check)
     */
    public static CitizenIdNumber parse(String raw) {
        if (raw == null) {
            throw new InvalidCitizenIdNumberException("missing", "citizen id number is missing");
        }
        String value = raw.trim().toUpperCase();
        if (value.length() != 18) {
            throw new InvalidCitizenIdNumberException("length", "a citizen id number has 18 characters");
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(value.charAt(i)) || value.charAt(i) > '9') {
                throw new InvalidCitizenIdNumberException("characters", "the first 17 characters must be digits");
            }
        }
        char last = value.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            throw new InvalidCitizenIdNumberException("characters", "the last character must be a digit or X");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        }
        catch (DateTimeException e) {
            throw new InvalidCitizenIdNumberException("birth-date", "the birth date in the number does not exist");
        }
        if (birth.getYear() < 1900) {
            throw new InvalidCitizenIdNumberException("birth-date", "the birth date in the number is before 1900");
        }
        if (checkCharacter(value) != last) {
            throw new InvalidCitizenIdNumberException("check-character", "the check character does not match");
        }
        return new CitizenIdNumber(value);
    }

    /** Completes 17 digits (address code, birth date, sequence) with their check character. */
    public static String withCheckCharacter(String first17) {
        return first17 + checkCharacter(first17);
    }

    /** ISO 7064 MOD 11-2 over the first 17 digits. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                Integer.parseInt(value.substring(12, 14)));
    }

    /** The sequence code is odd for men and even for women. */
    public Gender gender() {
        return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    /** {@code 110105********002X}: region and last four kept, birth date hidden. */
    public String masked() {
        return mask(value);
    }

    public static String mask(String value) {
        if (value == null || value.length() < 10) {
            return value == null ? null : "****";
        }
        return value.substring(0, 6) + "*".repeat(value.length() - 10) + value.substring(value.length() - 4);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CitizenIdNumber id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return masked();
    }

    /** Why a citizen id number was refused; {@code reason} is a stable code for the API. */
    public static class InvalidCitizenIdNumberException extends IllegalArgumentException {

        private final String reason;

        InvalidCitizenIdNumberException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
