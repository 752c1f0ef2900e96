package city.party.member.protection;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldProtectionTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
            OTHER_KEY[i] = (byte) (31 - i);
        }
    }

    private final FieldProtection protection = new FieldProtection(KEY);

    @Test
    void encryptedValuesRevealNothingAndComeBackExactly() {
        String idNumber = "11010519491231002X";
        String first = protection.encrypt(idNumber);
        String second = protection.encrypt(idNumber);
        assertThat(first).startsWith("v1:").doesNotContain("1101051949");
        assertThat(first).as("a fresh nonce each time").isNotEqualTo(second);
        assertThat(protection.decrypt(first)).isEqualTo(idNumber);
        assertThat(protection.decrypt(protection.encrypt("北京市东城区 1 号"))).isEqualTo("北京市东城区 1 号");
        assertThat(protection.encrypt(first)).as("never encrypted twice").isEqualTo(first);
    }

    @Test
    void aTamperedValueOrAnotherKeyIsRefusedNotMisread() {
        String sealed = protection.encrypt("13912345678");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> protection.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FieldProtection(OTHER_KEY).decrypt(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesWrittenBeforeEncryptionAreStillReadable() {
        assertThat(protection.decrypt("13912345678")).isEqualTo("13912345678");
        assertThat(protection.decrypt(null)).isNull();
        assertThat(protection.encrypt(null)).isNull();
    }

    @Test
    void theLookupDigestIsStableKeyedAndIgnoresTheCaseOfTheCheckCharacter() {
        String digest = protection.digest("11010519491231002X");
        assertThat(digest).hasSize(64).isEqualTo(protection.digest(" 11010519491231002x"));
        assertThat(digest).isNotEqualTo(protection.digest("110105194912310029"));
        assertThat(digest).as("another key, another digest: not a plain hash anyone can recompute")
                .isNotEqualTo(new FieldProtection(OTHER_KEY).digest("11010519491231002X"));
    }

    @Test
    void aKeyOfTheWrongSizeIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new FieldProtection(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldProtection.fromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);
    }
}
