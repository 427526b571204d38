package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parts of Throttles that need no container: the keys, and how a stored row reads as a pause
 * and how a held attempt is numbered and settled (an EntityManager that keeps rows in a map).
 * Counting under concurrency needs the
 * database: ThrottleRaceIT and TwoNodesPostgresIT cover it.
 */
class ThrottlesTest {

    static final long NOW = 1_700_000_000_000L;

    private final Map<String, Throttle> rows = new HashMap<>();
    private final Throttles throttles = new Throttles();

    ThrottlesTest() {
        throttles.em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("find") && args[0] == Throttle.class) {
                        return rows.get((String) args[1]);
                    }
                    if (method.getName().equals("persist") && args[0] instanceof Throttle t) {
                        rows.put(t.getKey(), t);
                        return null;
                    }
                    if (method.getName().equals("flush")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        throttles.clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    }

    private void row(String key, long blockedUntil) throws Exception {
        Throttle t = new Throttle(key, 1, NOW);
        Field f = Throttle.class.getDeclaredField("blockedUntil");
        f.setAccessible(true);
        f.set(t, blockedUntil);
        rows.put(key, t);
    }

    @Test
    void aPasswordKeyIsTheEmailAsTypedTrimmedLowerCasedAndBounded() {
        assertEquals("password:a@example.org", Throttles.passwordKey("  A@Example.ORG "));
        assertEquals(Throttles.passwordKey("a@example.org"), Throttles.passwordKey("A@EXAMPLE.ORG"), "one count whatever the case");
        assertEquals("password:", Throttles.passwordKey(null));
        String key = Throttles.passwordKey("x".repeat(10_000) + "@example.org");
        assertEquals("password:".length() + 260, key.length(), "an overlong email cannot make an overlong row key");
    }

    @Test
    void secondFactorAndUnlockKeysAreSeparateCountsPerAccount() {
        assertEquals("mfa:42", Throttles.secondFactorKey(42));
        assertEquals("unlock:42", Throttles.unlockKey(42));
        assertFalse(Throttles.secondFactorKey(42).equals(Throttles.secondFactorKey(43)));
    }

    @Test
    void aKeyWithoutARowOrWhosePauseEndedNeedNotWait() throws Exception {
        assertEquals(Optional.empty(), throttles.pause("password:nobody@example.org"));
        row("password:a@example.org", 0);
        assertEquals(Optional.empty(), throttles.pause("password:a@example.org"));
        row("password:b@example.org", NOW);
        assertEquals(Optional.empty(), throttles.pause("password:b@example.org"), "a pause ending now has ended");
        assertFalse(throttles.locked("password:b@example.org"));
        assertFalse(throttles.locked("mfa:7"));
    }

    @Test
    void aPausedKeyWaitsTheRestOfItsPause() throws Exception {
        row("mfa:1", NOW + 90_000);
        assertEquals(Optional.of(Duration.ofSeconds(90)), throttles.pause("mfa:1"));
        assertFalse(throttles.locked("mfa:1"));
    }

    @Test
    void aLockedSecondFactorWaitsAYearAndSaysItIsLocked() throws Exception {
        row("mfa:2", ThrottlePolicy.LOCKED);
        assertEquals(Optional.of(Duration.ofDays(365)), throttles.pause("mfa:2"));
        assertTrue(throttles.locked("mfa:2"));
    }

    @Test
    void aRefusedAttemptAsksForAtLeastOneSecond() {
        Throttles.Attempt almostOver = Throttles.Attempt.refused(NOW + 10, NOW);
        assertFalse(almostOver.allowed());
        assertEquals(Duration.ofSeconds(1), almostOver.retryAfter(), "never Retry-After: 0 while still paused");
        assertEquals(Duration.ZERO, almostOver.pauseIfFailed());
    }

    @Test
    void aHeldAttemptIsNumberedAsTheFailureItWouldBeAndSettledInPlace() {
        Throttles.Attempt first = throttles.hold("mfa:3");
        assertTrue(first.allowed());
        assertEquals(1, first.number(), "a key without a row gets one at zero failures");
        assertEquals(0, rows.get("mfa:3").getFailures(), "nothing is counted until the check is settled");
        throttles.settle("mfa:3", first, false, true);
        assertEquals(1, rows.get("mfa:3").getFailures());
        for (int i = 2; i <= ThrottlePolicy.FREE_FAILURES; i++) {
            Throttles.Attempt next = throttles.hold("mfa:3");
            assertEquals(i, next.number());
            throttles.settle("mfa:3", next, false, true);
        }
        assertEquals(NOW + 60_000, rows.get("mfa:3").getBlockedUntil(), "the tenth failure starts the pause");
        Throttles.Attempt paused = throttles.hold("mfa:3");
        assertFalse(paused.allowed());
        assertEquals(Duration.ofMinutes(1), paused.retryAfter());
        assertEquals(ThrottlePolicy.FREE_FAILURES, rows.get("mfa:3").getFailures(), "a refused attempt is not counted");
    }

    @Test
    void aSuccessClearsTheCountAndTheHundredthFailureLocks() throws Exception {
        row("mfa:4", 0);
        Throttles.Attempt right = throttles.hold("mfa:4");
        assertEquals(2, right.number());
        throttles.settle("mfa:4", right, true, true);
        assertEquals(0, rows.get("mfa:4").getFailures());
        Field failures = Throttle.class.getDeclaredField("failures");
        failures.setAccessible(true);
        failures.set(rows.get("mfa:4"), ThrottlePolicy.LOCK_FAILURES - 1);
        Throttles.Attempt last = throttles.hold("mfa:4");
        throttles.settle("mfa:4", last, false, true);
        assertTrue(throttles.locked("mfa:4"));
        assertTrue(throttles.hold("mfa:4").locked());
    }
}
