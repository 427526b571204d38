package io.gemhost.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtpAuthUriTest {

    private static final String SECRET = "JBSWY3DPEHPK3PXP";

    @Test
    void plainIssuerAndAccount() {
        assertEquals("otpauth://totp/gemhost.example:alice?secret=JBSWY3DPEHPK3PXP&issuer=gemhost.example",
                OtpAuthUri.of("gemhost.example", "alice", SECRET));
    }

    @Test
    void encodesPlusAndAtInEmail() {
        assertEquals("otpauth://totp/gemhost.example:a%2Bb%40x.org?secret=JBSWY3DPEHPK3PXP&issuer=gemhost.example",
                OtpAuthUri.of("gemhost.example", "a+b@x.org", SECRET));
    }

    @Test
    void encodesSpacesAsPercentTwentyNeverPlus() {
        String uri = OtpAuthUri.of("Gem Host", "first last@x.org", SECRET);
        assertEquals("otpauth://totp/Gem%20Host:first%20last%40x.org?secret=JBSWY3DPEHPK3PXP&issuer=Gem%20Host", uri);
        assertFalse(uri.contains("+"));
        assertFalse(uri.contains(" "));
    }

    @Test
    void encodesUnicodeAsUtf8() {
        assertEquals("otpauth://totp/g%C3%A9m:zo%C3%AB%40x.org?secret=JBSWY3DPEHPK3PXP&issuer=g%C3%A9m",
                OtpAuthUri.of("g\u00e9m", "zo\u00eb@x.org", SECRET));
    }

    @Test
    void encodesQuerySyntaxInIssuer() {
        assertEquals("otpauth://totp/a%26b%3Dc%3F%23:x?secret=JBSWY3DPEHPK3PXP&issuer=a%26b%3Dc%3F%23",
                OtpAuthUri.of("a&b=c?#", "x", SECRET));
    }

    @Test
    void keepsUnreservedCharacters() {
        assertEquals("otpauth://totp/a-b.c_d~e:A-z.0_9~?secret=JBSWY3DPEHPK3PXP&issuer=a-b.c_d~e",
                OtpAuthUri.of("a-b.c_d~e", "A-z.0_9~", SECRET));
    }

    @Test
    void refusesColons() {
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost.example:8443", "alice", SECRET));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost.example", "al:ice", SECRET));
    }

    @Test
    void refusesMissingParts() {
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of(null, "alice", SECRET));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost", " ", SECRET));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost", "alice", null));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("gemhost", "alice", "NOT BASE32 1"));
    }

    @Test
    void secretHasNoPadding() {
        // 21 bytes would end in "===" in a padded encoder.
        byte[] key = new byte[21];
        new SecureRandom().nextBytes(key);
        String uri = OtpAuthUri.of("gemhost", "alice", Base32.encode(key));
        String secret = uri.substring(uri.indexOf("secret=") + "secret=".length(), uri.indexOf('&'));
        assertEquals(Base32.encode(key), secret);
        assertFalse(secret.contains("="));
        assertEquals(34, secret.length());
    }

    @Test
    void stripsPaddingAndNormalizesCaseOfGivenSecret() {
        String uri = OtpAuthUri.of("gemhost", "alice", "mzxw6ytboi======");
        assertEquals("otpauth://totp/gemhost:alice?secret=MZXW6YTBOI&issuer=gemhost", uri);
    }

    @ParameterizedTest
    @CsvSource({
        "gemhost.example, gemhost.example",
        "gemhost.example:8443, gemhost.example",
        "GemHost.Example:80, gemhost.example",
        "localhost:8080, localhost",
        "127.0.0.1:8080, 127.0.0.1",
        "gemhost.example., gemhost.example",
        "'[::1]:8080', --1",
        "'[2001:db8::1]', 2001-db8--1",
        "'2001:db8::1', 2001-db8--1",
        "'', gemhost",
    })
    void issuerFromHostDropsPortAndColons(String host, String issuer) {
        assertEquals(issuer, OtpAuthUri.issuerFromHost(host));
        assertFalse(OtpAuthUri.issuerFromHost(host).contains(":"));
        OtpAuthUri.of(OtpAuthUri.issuerFromHost(host), "alice", SECRET);
    }

    @Test
    void issuerFromMissingHost() {
        assertEquals("gemhost", OtpAuthUri.issuerFromHost(null));
    }
}
