package io.gemhost.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyCipherTest {

    private final SecureRandom random = new SecureRandom();
    private final KeyCipher cipher = new KeyCipher(randomBytes(32));
    private final byte[] totpKey = Totp.newKey(random);

    @Test
    void roundTrip() {
        String sealed = cipher.seal(totpKey, "account:42");
        assertArrayEquals(totpKey, cipher.open(sealed, "account:42"));
    }

    @Test
    void sealedTextHidesTheKey() {
        String sealed = cipher.seal(totpKey, "account:42");
        byte[] raw = Base64.getDecoder().decode(sealed);
        assertTrue(raw.length == 12 + totpKey.length + 16);
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString(totpKey)));
        assertFalse(sealed.contains(Base32.encode(totpKey)));
    }

    @Test
    void freshIvEachTime() {
        String first = cipher.seal(totpKey, "account:42");
        String second = cipher.seal(totpKey, "account:42");
        assertNotEquals(first, second);
        byte[] iv1 = Arrays.copyOf(Base64.getDecoder().decode(first), 12);
        byte[] iv2 = Arrays.copyOf(Base64.getDecoder().decode(second), 12);
        assertFalse(Arrays.equals(iv1, iv2));
    }

    @Test
    void refusesTamperedText() {
        byte[] raw = Base64.getDecoder().decode(cipher.seal(totpKey, "account:42"));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String text = Base64.getEncoder().encodeToString(tampered);
            assertThrows(KeyCipher.SealBroken.class, () -> cipher.open(text, "account:42"), "byte " + i);
        }
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(raw, raw.length - 1));
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open(truncated, "account:42"));
    }

    @Test
    void refusesWrongAssociatedData() {
        String sealed = cipher.seal(totpKey, "account:42");
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open(sealed, "account:43"));
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open(sealed, ""));
    }

    @Test
    void refusesWrongKey() {
        String sealed = cipher.seal(totpKey, "account:42");
        KeyCipher other = new KeyCipher(randomBytes(32));
        assertThrows(KeyCipher.SealBroken.class, () -> other.open(sealed, "account:42"));
    }

    @Test
    void refusesGarbage() {
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open(null, "account:42"));
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open("", "account:42"));
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open("not base64!", "account:42"));
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open("AAAA", "account:42"));
        assertThrows(KeyCipher.SealBroken.class, () -> cipher.open(cipher.seal(totpKey, "a"), null));
    }

    @Test
    void fromBase64NeedsExactly32Bytes() {
        byte[] key = randomBytes(32);
        KeyCipher configured = KeyCipher.fromBase64(Base64.getEncoder().encodeToString(key));
        assertArrayEquals(totpKey, new KeyCipher(key).open(configured.seal(totpKey, "x"), "x"));

        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> KeyCipher.fromBase64(Base64.getEncoder().encodeToString(randomBytes(16))));
        assertTrue(tooShort.getMessage().contains("32 bytes, got 16"), tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyCipher.fromBase64(null));
        assertThrows(IllegalArgumentException.class, () -> KeyCipher.fromBase64("  "));
        assertThrows(IllegalArgumentException.class, () -> KeyCipher.fromBase64("%%%not-base64%%%"));
        assertThrows(IllegalArgumentException.class, () -> new KeyCipher(randomBytes(31)));
    }

    @Test
    void errorMessagesNeverEchoTheConfiguredValue() {
        String value = Base64.getEncoder().encodeToString(randomBytes(24));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyCipher.fromBase64(value));
        assertFalse(e.getMessage().contains(value));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
