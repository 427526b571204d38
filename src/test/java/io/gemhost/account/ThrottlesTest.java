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
 * (an EntityManager that only finds rows of a map). Counting under concurrency needs the
 * database: ThrottleRaceIT and TwoNodesPostgresIT cover it.
 */
class ThrottlesTest {

    static final long NOW = 1_700_000_000_000L;

    private final Map<String, Throttle> rows = new HashMap<>();
    private final Throttles throttles = new Throttles();

    ThrottlesTest() {
        throttles.em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("find") && args.length == 2 && args[0] == Throttle.class) {
                        return rows.get((String) args[1]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        throttles.clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    }

    private void row(String key, long blockedUntil) throws Exception {
        Throttle t = new Throttle(key, NOW);
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
}
