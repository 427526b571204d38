package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottlePolicyTest {

    @Test
    void nineFailuresAreFreeThenThePauseDoublesUpToAnHour() {
        assertEquals(Duration.ZERO, ThrottlePolicy.pauseAfter(9));
        assertEquals(Duration.ofMinutes(1), ThrottlePolicy.pauseAfter(10));
        assertEquals(Duration.ofMinutes(2), ThrottlePolicy.pauseAfter(11));
        assertEquals(Duration.ofMinutes(4), ThrottlePolicy.pauseAfter(12));
        assertEquals(Duration.ofMinutes(32), ThrottlePolicy.pauseAfter(15));
        assertEquals(Duration.ofMinutes(60), ThrottlePolicy.pauseAfter(16));
        assertEquals(Duration.ofMinutes(60), ThrottlePolicy.pauseAfter(99));
    }

    @Test
    void aSecondFactorLocksAtOneHundredButAPasswordDoesNot() {
        long now = 1_000_000;
        assertEquals(ThrottlePolicy.LOCKED, ThrottlePolicy.blockedUntil(100, now, true));
        assertEquals(now + 3_600_000, ThrottlePolicy.blockedUntil(100, now, false));
        assertEquals(now + 3_600_000, ThrottlePolicy.blockedUntil(99, now, true));
        assertEquals(0, ThrottlePolicy.blockedUntil(3, now, true));
    }

    @Test
    void theAttemptThatWouldStartThePauseBlocksTheKeyWhileItIsChecked() {
        long now = 1_000_000;
        assertEquals(0, ThrottlePolicy.blockedUntil(9, now, false), "attempt 9 leaves the 10th free");
        assertEquals(now + 60_000, ThrottlePolicy.blockedUntil(10, now, false), "attempt 10 already holds back the 11th");
        assertEquals(now + 120_000, ThrottlePolicy.blockedUntil(11, now, true), "the next allowed attempt doubles the pause");
    }

    @Test
    void anAttemptKnowsThePauseItStartsIfItFails() {
        assertTrue(new Throttles.Attempt(1, Duration.ZERO, false).allowed());
        assertEquals(Duration.ZERO, new Throttles.Attempt(9, Duration.ZERO, false).pauseIfFailed());
        assertEquals(Duration.ofMinutes(1), new Throttles.Attempt(10, Duration.ZERO, false).pauseIfFailed());

        Throttles.Attempt paused = Throttles.Attempt.refused(1_000_000 + 90_000, 1_000_000);
        assertFalse(paused.allowed());
        assertFalse(paused.locked());
        assertEquals(Duration.ofSeconds(90), paused.retryAfter());
        Throttles.Attempt locked = Throttles.Attempt.refused(ThrottlePolicy.LOCKED, 1_000_000);
        assertFalse(locked.allowed());
        assertTrue(locked.locked());
    }
}
