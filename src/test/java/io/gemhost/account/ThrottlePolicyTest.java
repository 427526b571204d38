package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
