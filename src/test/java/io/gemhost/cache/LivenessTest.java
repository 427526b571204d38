package io.gemhost.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The read caches' liveness rule (docs/SECURITY.md, "Read caches and revocation"). */
class LivenessTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Liveness liveness = new Liveness(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private void pass(Duration d) {
        now = now.plus(d);
    }

    @Test
    void nothingServesBeforeTheFirstHeartbeatComesBack() {
        assertFalse(liveness.fresh());
        long listening = liveness.now();
        pass(Duration.ofMillis(1500));
        assertFalse(liveness.fresh(), "listening is not proof");
        assertFalse(liveness.silentSince(listening), "a new connection gets two seconds to prove itself");
        pass(Duration.ofMillis(501));
        assertTrue(liveness.silentSince(listening));
    }

    @Test
    void aHeartbeatServesForTwoSecondsFromWhenItWasSent() {
        long sentAt = liveness.now();
        pass(Duration.ofMillis(300)); // on its way through the pool and back
        liveness.heard(sentAt);
        assertTrue(liveness.fresh());
        pass(Duration.ofMillis(1700));
        assertTrue(liveness.fresh(), "sent exactly two seconds ago");
        assertFalse(liveness.silentSince(sentAt));
        pass(Duration.ofMillis(1));
        assertFalse(liveness.fresh(), "no heartbeat sent within two seconds came back");
        assertTrue(liveness.silentSince(sentAt));
    }

    @Test
    void theNextHeartbeatKeepsItServingAndAResumedOneServesAgain() {
        liveness.heard(liveness.now());
        pass(Duration.ofSeconds(1));
        liveness.heard(liveness.now());
        pass(Duration.ofMillis(1500));
        assertTrue(liveness.fresh());
        pass(Duration.ofSeconds(5));
        assertFalse(liveness.fresh());
        liveness.heard(liveness.now());
        assertTrue(liveness.fresh(), "heartbeats arrive again");
    }

    @Test
    void aLostChannelStopsServingAtOnce() {
        liveness.heard(liveness.now());
        liveness.lost();
        assertFalse(liveness.fresh());
    }

    @Test
    void aClockSetBackCountsAsStale() {
        liveness.heard(liveness.now());
        pass(Duration.ofMinutes(-10));
        assertFalse(liveness.fresh());
        assertFalse(liveness.young(liveness.now() + 1));
    }

    @Test
    void anEntryServesUpToItsMaximumAge() {
        long stored = liveness.now();
        pass(Liveness.MAX_ENTRY_AGE);
        assertTrue(liveness.young(stored));
        pass(Duration.ofMillis(1));
        assertFalse(liveness.young(stored));
        assertTrue(Liveness.MAX_ENTRY_AGE.compareTo(Duration.ofSeconds(30)) >= 0
                && Liveness.MAX_ENTRY_AGE.compareTo(Duration.ofSeconds(60)) <= 0);
    }
}
