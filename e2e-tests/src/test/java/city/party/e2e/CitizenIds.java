package city.party.e2e;

/** Valid citizen id numbers for test data: GB 11643, check character by ISO 7064 MOD 11-2. */
public final class CitizenIds {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

    private CitizenIds() {
    }

    /** The first 17 digits with their check character appended. */
    public static String withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
