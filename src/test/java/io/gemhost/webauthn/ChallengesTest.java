package io.gemhost.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.webauthn.Challenges.Issued;
import io.gemhost.webauthn.Challenges.Purpose;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Which use a stored challenge serves: its purpose, its account, within two minutes. (That it is
 * taken once, on any node, is the database's: NoStickyPostgresIT, SecurityKeysBrowserIT.)
 */
class ChallengesTest {

    static final long NOW = 1_000_000;

    @Test
    void aChallengeServesOnlyItsPurposeAndAccount() {
        Issued forSeven = new Issued(Purpose.SECOND_FACTOR, 7, NOW + Challenges.LIFETIME.toMillis(), null);
        assertTrue(forSeven.serves(Purpose.SECOND_FACTOR, 7, NOW));
        assertFalse(forSeven.serves(Purpose.SECOND_FACTOR, 8, NOW));
        assertFalse(forSeven.serves(Purpose.REGISTER, 7, NOW));
        Issued registering = new Issued(Purpose.REGISTER, 7, NOW + Challenges.LIFETIME.toMillis(), "handle");
        assertFalse(registering.serves(Purpose.PASSKEY, 0, NOW));
    }

    @Test
    void itExpiresAfterTwoMinutes() {
        assertEquals(Duration.ofMinutes(2), Challenges.LIFETIME);
        Issued passkey = new Issued(Purpose.PASSKEY, 0, NOW + Challenges.LIFETIME.toMillis(), null);
        assertTrue(passkey.serves(Purpose.PASSKEY, 0, NOW + Challenges.LIFETIME.toMillis() - 1));
        assertFalse(passkey.serves(Purpose.PASSKEY, 0, NOW + Challenges.LIFETIME.toMillis()));
    }
}
