package io.gemhost.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ApiGuard.basic: the Basic header of the api_key door, and everything that is not one. */
class ApiGuardBasicTest {

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String header) {
        Optional<String[]> parsed = ApiGuard.basic(header);
        assertTrue(parsed.isEmpty(), () -> "accepted " + header + " as " + String.join(" / ", parsed.get()));
    }

    @Test
    void emailAndPasswordAreSplitAtTheFirstColon() {
        assertArrayEquals(new String[] {"a@example.org", "correct horse"}, ApiGuard.basic(basic("a@example.org:correct horse")).orElseThrow());
        assertArrayEquals(new String[] {"a@example.org", ""}, ApiGuard.basic(basic("a@example.org:")).orElseThrow(), "an empty password");
    }

    @Test
    void aUtf8PasswordMayHoldColons() {
        String[] parsed = ApiGuard.basic(basic("ü@example.org:pa:ss:密码 ✓")).orElseThrow();
        assertEquals("ü@example.org", parsed[0]);
        assertEquals("pa:ss:密码 ✓", parsed[1]);
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSpacesAroundTheTokenDoNotMatter() {
        String token = Base64.getEncoder().encodeToString("a@example.org:pw".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"a@example.org", "pw"}, ApiGuard.basic("basic " + token).orElseThrow());
        assertArrayEquals(new String[] {"a@example.org", "pw"}, ApiGuard.basic("BASIC   " + token + "  ").orElseThrow());
    }

    @Test
    void aMissingOrOtherHeaderIsNoCredentials() {
        refused(null);
        refused("");
        refused("Basic");
        refused("Basic ");
        refused("Bearer " + basic("a@example.org:pw").substring(6));
        refused("gemhost_0123456789abcdef");
        refused("Basicx" + basic("a@example.org:pw").substring(6));
    }

    @Test
    void badBase64IsNoCredentials() {
        refused("Basic !!!notbase64");
        refused("Basic YWJj=ZGVm");
        refused("Basic " + "A".repeat(8000).substring(0, 4000) + "*");
    }

    @Test
    void aDecodedValueWithoutAColonIsNoCredentials() {
        refused(basic("nocolon"));
        refused(basic(""));
    }

    @Test
    void aHeaderOverFourKilobytesIsRefusedBeforeDecoding() {
        String prefix = "a@example.org:";
        // Base64 of n bytes takes 4 * ceil(n / 3) characters; "Basic " adds 6
        String fits = basic(prefix + "p".repeat(3 * (4090 / 4) - prefix.length()));
        assertTrue(fits.length() <= 4096, "length " + fits.length());
        assertTrue(ApiGuard.basic(fits).isPresent(), "a header of " + fits.length() + " characters is read");
        String overlong = basic(prefix + "p".repeat(3100));
        assertTrue(overlong.length() > 4096);
        refused(overlong);
    }
}
