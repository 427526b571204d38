package io.gemhost.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gemhost.totp.KeyCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The code's sealing goes through KeyCipher and keeps its stored form: a code sealed before still opens. */
class WebauthnVerificationTokensTest {

    static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456";
    static final String CODE = "0123456789abcdef0123456789abcdef";

    /** How a code was sealed before KeyCipher did it (AES-GCM, 12-byte IV first, no associated data, URL-safe base64). */
    static String sealedTheOldWay(String token, String code) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, oldKey(token), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(code.getBytes(StandardCharsets.US_ASCII));
        byte[] out = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return Ceremonies.b64(out);
    }

    static String openedTheOldWay(String token, String sealed) throws Exception {
        byte[] in = Ceremonies.unb64(sealed);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, oldKey(token), new GCMParameterSpec(128, in, 0, 12));
        return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.US_ASCII);
    }

    static SecretKeySpec oldKey(String token) throws Exception {
        return new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(("gemhost command-line code " + token)
                .getBytes(StandardCharsets.UTF_8)), "AES");
    }

    @Test
    void aCodeSealedBeforeStillOpens() throws Exception {
        assertEquals(CODE, WebauthnVerificationTokens.open(TOKEN, sealedTheOldWay(TOKEN, CODE)));
    }

    @Test
    void theStoredFormIsUnchanged() throws Exception {
        String sealed = WebauthnVerificationTokens.seal(TOKEN, CODE);
        assertEquals(CODE, openedTheOldWay(TOKEN, sealed));
        assertEquals(12 + CODE.length() + 16, Ceremonies.unb64(sealed).length);
    }

    @Test
    void onlyTheTokenOpensIt() {
        String sealed = WebauthnVerificationTokens.seal(TOKEN, CODE);
        assertThrows(KeyCipher.SealBroken.class, () -> WebauthnVerificationTokens.open(TOKEN.replace('a', 'b'), sealed));
    }
}
