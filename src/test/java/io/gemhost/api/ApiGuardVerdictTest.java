package io.gemhost.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.mfa.Proof;
import io.gemhost.mfa.SecondFactor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The guard's answer to each outcome of the proof (docs/SECURITY.md, "Two doors"): every outcome
 * of Proof and of SecondFactor has its own answer, and nothing but a proof Proof made passes.
 */
class ApiGuardVerdictTest {

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
