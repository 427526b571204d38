package io.gemhost.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one AES-256-GCM sealing of the application: TOTP keys for storage under a key from server configuration,
 * never from the database (docs/SECURITY.md), and the code of the gem client's WebAuthn verification under a key
 * derived from its token (webauthn/WebauthnVerificationTokens).
 *
 * <p>The sealed form is base64 of a fresh 12-byte IV followed by ciphertext and tag. The associated data (for
 * example the account id) binds a sealed key to its row, so a key copied to another account fails to open. Any
 * failure to open, whether tampering, a wrong key or wrong associated data, is one {@link SealBroken}: the
 * caller cannot and should not tell them apart.
 */
public final class KeyCipher {

    public static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public KeyCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the encryption key must be " + KEY_BYTES + " bytes, got "
                    + (key == null ? "none" : key.length));
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A key for another use of the same secret (HMAC-SHA256 of the purpose under the secret), so
     * one configured secret serves several uses without any two sharing a key.
     */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the key as configured: base64 of exactly 32 bytes. The message never echoes the value. */
    public static KeyCipher fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("the TOTP encryption key is not configured"
                    + " (expected base64 of " + KEY_BYTES + " random bytes)");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the TOTP encryption key is not valid base64"
                    + " (expected base64 of " + KEY_BYTES + " random bytes)");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("the TOTP encryption key must decode to " + KEY_BYTES
                    + " bytes, got " + raw.length);
        }
        return new KeyCipher(raw);
    }

    /** Base64 of {@link #sealBytes} with this associated data (UTF-8): the stored form of a TOTP key. */
    public String seal(byte[] plain, String associatedData) {
        Objects.requireNonNull(associatedData, "associatedData");
        return Base64.getEncoder().encodeToString(sealBytes(plain, associatedData.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A fresh 12-byte IV followed by ciphertext and tag. Empty associated data is the same as
     * none, so a value sealed without any opens here with an empty array.
     */
    public byte[] sealBytes(byte[] plain, byte[] associatedData) {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws SealBroken if the text was altered, or sealed under another key or other associated data */
    public byte[] open(String sealed, String associatedData) {
        if (sealed == null || associatedData == null) {
            throw new SealBroken();
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new SealBroken();
        }
        return openBytes(raw, associatedData.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens what {@link #sealBytes} made; @throws SealBroken if altered, or sealed under another key or other associated data */
    public byte[] openBytes(byte[] raw, byte[] associatedData) {
        if (raw == null || associatedData == null || raw.length < IV_BYTES + TAG_BITS / 8) {
            throw new SealBroken();
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealBroken();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** A sealed key that does not open under this key and associated data. */
    public static final class SealBroken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SealBroken() {
            super("sealed TOTP key does not open: altered, or sealed under another key or associated data");
        }
    }
}
