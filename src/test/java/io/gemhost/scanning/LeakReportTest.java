package io.gemhost.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A leaked-key report from GitHub's secret scanning: its format, and the signature over its body. */
class LeakReportTest {

    /** GitHub's report format, and what the log and the mail show of where a key was found. */
    @Nested
    class Format {

        static java.util.Optional<List<LeakReport.Reported>> parse(String body) {
            return LeakReport.parse(body.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void readsGithubsFormat() {
            assertEquals(List.of(new LeakReport.Reported("gemhost_ab", "gemhost_api_key", "https://github.com/a/b/blob/c/x"),
                    new LeakReport.Reported("gemhost_oidc_cd", null, null)),
                    parse("[{\"token\":\"gemhost_ab\",\"type\":\"gemhost_api_key\",\"url\":\"https://github.com/a/b/blob/c/x\",\"source\":\"content\"},"
                            + " {\"token\":\"gemhost_oidc_cd\",\"url\":null,\"extra\":{\"x\":1}}]").orElseThrow());
            assertEquals(List.of(), parse("[]").orElseThrow());
        }

        @Test
        void anythingElseIsNoReport() {
            for (String bad : List.of("", "{}", "null", "[1]", "[null]", "[[]]", "[{}]", "[{\"token\":1}]", "[{\"token\":\"x\",\"url\":1}]",
                    "[{\"token\":\"x\",\"type\":[]}]", "[{\"token\":\"x\",\"extra\":{\"deep\":[[]]}}]", "[".repeat(10_000), "[{\"token\":\"x\"}] x",
                    "[" + "{\"token\":\"x\"},".repeat(LeakReport.MAX_TOKENS) + "{\"token\":\"x\"}]")) {
                assertTrue(parse(bad).isEmpty(), bad.length() > 60 ? bad.substring(0, 60) : bad);
            }
        }

        @Test
        void thePlaceIsPlainTextOfBoundedLength() {
            assertEquals("https://github.com/a/b", LeakReport.place(" https://github.com/a/b\n"));
            assertEquals("https://x/?Bcc: someone", LeakReport.place("https://x/\r\nBcc: someone").replace("??", "?"));
            assertEquals("a?b", LeakReport.place("a\u202eb"));
            assertEquals(LeakReport.MAX_PLACE + 3, LeakReport.place("https://github.com/" + "a".repeat(500)).length());
            assertEquals("an address the report did not give", LeakReport.place(null));
        }
    }

    /** The signature rule: ECDSA P-256 / SHA-256 over exactly the raw body, DER in base64. */
    @Nested
    class Signatures {

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
}
