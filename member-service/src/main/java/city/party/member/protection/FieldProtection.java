package city.party.member.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of the register's sensitive fields (citizen id number, phone, address):
 * AES-256-GCM with a fresh 96-bit nonce per value, stored as {@code v1:<base64(nonce|ciphertext|tag)>},
 * so a database dump or backup shows no personal data. Because each encryption differs, equality
 * lookups (the id number must be unique and found on re-import) use a keyed digest instead:
 * HMAC-SHA-256 of the normalised value under a key derived from the same master key.
 * Values without the {@code v1:} prefix are read as they are: documents written before encryption
 * stay readable and are encrypted at their next save.
 */
public final class FieldProtection {

    static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec digestKey;
    private final SecureRandom random = new SecureRandom();

    /** @param masterKey 32 random bytes */
    public FieldProtection(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("the data-protection key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "party-platform/member/field-encryption"), "AES");
        this.digestKey = new SecretKeySpec(derive(masterKey, "party-platform/member/lookup-digest"), "HmacSHA256");
    }

    public static FieldProtection fromBase64(String key) {
        try {
            return new FieldProtection(Base64.getDecoder().decode(key.trim()));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("member.data-protection.key is not base64 of 32 bytes", e);
        }
    }

    public String encrypt(String plaintext) {
        if (plaintext == null || plaintext.startsWith(PREFIX)) {
            return plaintext;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a field", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            // a wrong key or a tampered value: never hand out garbage as a person's data
            throw new IllegalStateException("a protected field cannot be decrypted (wrong key or tampered value)", e);
        }
    }

    /** Keyed digest for equality lookups and uniqueness (upper-cased: id numbers end in X or x). */
    public String digest(String value) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            return HexFormat.of().formatHex(mac.doFinal(value.trim().toUpperCase().getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot digest a field", e);
        }
    }

    /** HKDF-like expansion (one block of HMAC-SHA-256): independent keys for independent purposes. */
    private static byte[] derive(byte[] masterKey, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            return mac.doFinal((purpose + "\u0001").getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
