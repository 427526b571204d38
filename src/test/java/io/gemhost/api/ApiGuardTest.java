package io.gemhost.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.mfa.Proof;
import io.gemhost.mfa.SecondFactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The API guard's pure parts: its answer to each outcome of the proof, and the Basic header it reads. */
class ApiGuardTest {

    /**
     * The guard's answer to each outcome of the proof (docs/SECURITY.md, "Two doors"): every outcome
     * of Proof and of SecondFactor has its own answer, and nothing but a proof Proof made passes.
     */
    @Nested
    class Verdicts {

        @Test
        void noOutcomeWithoutAProofPasses() {
            for (Proof.Outcome outcome : Proof.Outcome.values()) {
                for (SecondFactor.Outcome factor : SecondFactor.Outcome.values()) {
                    Proof.Result result = new Proof.Result(outcome, new SecondFactor.Verdict(factor, Duration.ofSeconds(90), -1),
                            Duration.ofSeconds(30), null);
                    assertTrue(ApiGuard.refusal(result).isPresent(), outcome + " / " + factor + " must not pass without a proof");
                }
            }
        }

        @Test
        void eachRefusalSaysWhatTheGemClientExpects() {
            assertEquals(new ApiGuard.Refusal(401, ApiGuard.OTP_MISSING, null), refusal(Proof.Outcome.SECOND_FACTOR, SecondFactor.Outcome.MISSING));
            assertEquals(new ApiGuard.Refusal(401, ApiGuard.OTP_INCORRECT, null), refusal(Proof.Outcome.SECOND_FACTOR, SecondFactor.Outcome.WRONG));
            assertEquals(new ApiGuard.Refusal(429, null, Duration.ofSeconds(90)), refusal(Proof.Outcome.SECOND_FACTOR, SecondFactor.Outcome.PAUSED));
            assertEquals(new ApiGuard.Refusal(429, null, Duration.ofSeconds(90)), refusal(Proof.Outcome.SECOND_FACTOR, SecondFactor.Outcome.LOCKED));
            assertEquals(new ApiGuard.Refusal(401, ApiGuard.INVALID_PASSWORD, null), refusal(Proof.Outcome.WRONG_PASSWORD, SecondFactor.Outcome.MISSING));
            assertEquals(new ApiGuard.Refusal(429, null, Duration.ofSeconds(30)), refusal(Proof.Outcome.PASSWORD_PAUSED, SecondFactor.Outcome.MISSING));
            // a verdict that says "accepted" under a refused proof is refused, never passed
            assertEquals(new ApiGuard.Refusal(401, ApiGuard.OTP_INCORRECT, null), refusal(Proof.Outcome.SECOND_FACTOR, SecondFactor.Outcome.ACCEPTED));
        }

        private static ApiGuard.Refusal refusal(Proof.Outcome outcome, SecondFactor.Outcome factor) {
            return ApiGuard.refusal(new Proof.Result(outcome, new SecondFactor.Verdict(factor, Duration.ofSeconds(90), -1),
                    Duration.ofSeconds(30), null)).orElseThrow();
        }
    }

    /** ApiGuard.basic: the Basic header of the api_key door, and everything that is not one. */
    @Nested
    class BasicHeader {

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
}
