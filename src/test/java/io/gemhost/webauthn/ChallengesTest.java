package io.gemhost.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A session's challenges: single use, bound to purpose and account, two minutes, the newest few kept. */
class ChallengesTest {

    static final long NOW = 1_000_000;

    @Test
    void aChallengeIsTakenOnceForItsPurposeAndAccount() {
        Challenges challenges = new Challenges();
        byte[] c = challenges.issue(Challenges.Purpose.SECOND_FACTOR, 7, NOW, null);
        assertEquals(32, c.length);
        assertFalse(challenges.take(Challenges.Purpose.SECOND_FACTOR, 7, c, NOW).isEmpty());
        assertTrue(challenges.take(Challenges.Purpose.SECOND_FACTOR, 7, c, NOW).isEmpty(), "used once");
    }

    @Test
    void anotherPurposeOrAccountSpendsItWithoutPassing() {
        Challenges challenges = new Challenges();
        byte[] forOther = challenges.issue(Challenges.Purpose.SECOND_FACTOR, 7, NOW, null);
        assertTrue(challenges.take(Challenges.Purpose.SECOND_FACTOR, 8, forOther, NOW).isEmpty());
        assertTrue(challenges.take(Challenges.Purpose.SECOND_FACTOR, 7, forOther, NOW).isEmpty(), "a misused challenge is gone");
        byte[] registering = challenges.issue(Challenges.Purpose.REGISTER, 7, NOW, "handle");
        assertTrue(challenges.take(Challenges.Purpose.PASSKEY, 0, registering, NOW).isEmpty());
        byte[] again = challenges.issue(Challenges.Purpose.REGISTER, 7, NOW, "handle");
        assertEquals("handle", challenges.take(Challenges.Purpose.REGISTER, 7, again, NOW).orElseThrow().note());
    }

    @Test
    void itExpiresAfterTwoMinutes() {
        Challenges challenges = new Challenges();
        byte[] c = challenges.issue(Challenges.Purpose.PASSKEY, 0, NOW, null);
        assertTrue(challenges.take(Challenges.Purpose.PASSKEY, 0, c, NOW + Challenges.LIFETIME.toMillis()).isEmpty());
        byte[] d = challenges.issue(Challenges.Purpose.PASSKEY, 0, NOW, null);
        assertFalse(challenges.take(Challenges.Purpose.PASSKEY, 0, d, NOW + Challenges.LIFETIME.toMillis() - 1).isEmpty());
    }

    @Test
    void onlyTheNewestAreKeptAndEachIsNew() {
        Challenges challenges = new Challenges();
        byte[] oldest = challenges.issue(Challenges.Purpose.SECOND_FACTOR, 1, NOW, null);
        byte[] last = oldest;
        for (int i = 0; i < Challenges.KEPT; i++) {
            byte[] next = challenges.issue(Challenges.Purpose.SECOND_FACTOR, 1, NOW, null);
            assertNotEquals(Arrays.toString(last), Arrays.toString(next));
            last = next;
        }
        assertTrue(challenges.take(Challenges.Purpose.SECOND_FACTOR, 1, oldest, NOW).isEmpty());
        assertFalse(challenges.take(Challenges.Purpose.SECOND_FACTOR, 1, last, NOW).isEmpty());
        assertTrue(challenges.take(Challenges.Purpose.SECOND_FACTOR, 1, new byte[31], NOW).isEmpty());
        assertTrue(challenges.take(Challenges.Purpose.SECOND_FACTOR, 1, null, NOW).isEmpty());
    }
}
