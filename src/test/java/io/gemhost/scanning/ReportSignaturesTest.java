package io.gemhost.scanning;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The signature rule: ECDSA P-256 / SHA-256 over exactly the raw body, DER in base64. */
class ReportSignaturesTest {

    static String sign(PrivateKey key, byte[] body) throws Exception {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(body);
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    @Test
    void onlyTheListedKeysSignatureOverTheseExactBytesIsValid() throws Exception {
        KeyPair github = KeyListTest.ec("secp256r1");
        KeyPair other = KeyListTest.ec("secp256r1");
        byte[] body = "[{\"token\":\"gemhost_ab\",\"type\":\"t\",\"url\":\"u\",\"source\":\"content\"}]".getBytes(StandardCharsets.UTF_8);
        String signature = sign(github.getPrivate(), body);

        assertTrue(ReportSignatures.valid(github.getPublic(), body, signature));
        assertTrue(ReportSignatures.valid(github.getPublic(), body, signature + "\n"), "surrounding white space is not part of the base64");
        assertFalse(ReportSignatures.valid(other.getPublic(), body, signature), "another key");
        assertFalse(ReportSignatures.valid(github.getPublic(), body, sign(other.getPrivate(), body)), "signed by a key not listed");
        byte[] spaced = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertFalse(ReportSignatures.valid(github.getPublic(), spaced, signature), "the same JSON with one more byte");
        byte[] another = body.clone();
        another[12] = 'X';
        assertFalse(ReportSignatures.valid(github.getPublic(), another, signature), "replayed onto another body");
        for (String garbage : new String[] {"", "not base64!", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}),
                Base64.getEncoder().encodeToString(new byte[72])}) {
            assertFalse(ReportSignatures.valid(github.getPublic(), body, garbage), garbage);
        }
    }
}
