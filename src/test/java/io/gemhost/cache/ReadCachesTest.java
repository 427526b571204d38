package io.gemhost.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** This node's read caches: the rule by which they serve (Liveness), and one cache's entries (NodeCache). */
class ReadCachesTest {

    /** The read caches' liveness rule (docs/SECURITY.md, "Read caches and revocation"). */
    @Nested
    class LivenessRule {

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

    /** NodeCache: what an entry is kept for, and what drops it. */
    @Nested
    class OneCache {

        private final AtomicLong generation = new AtomicLong();
        private Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        private final Liveness liveness = new Liveness(new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        });

        @Test
        void droppingAnAccountRemovesExactlyItsEntries() {
            NodeCache<String, String> cache = new NodeCache<>(10, generation, liveness);
            cache.put("k1", 1, "a", generation.get());
            cache.put("k2", 1, "b", generation.get());
            cache.put("k3", 2, "c", generation.get());
            cache.dropAccount(1);
            assertEquals(Optional.empty(), cache.get("k1"));
            assertEquals(Optional.empty(), cache.get("k2"));
            assertEquals(Optional.of("c"), cache.get("k3"));
            assertEquals(1, cache.size());
        }

        @Test
        void theLeastRecentlyUsedEntryGoesFirstAndItsAccountForgetsIt() {
            NodeCache<String, String> cache = new NodeCache<>(2, generation, liveness);
            cache.put("k1", 1, "a", generation.get());
            cache.put("k2", 2, "b", generation.get());
            cache.get("k1");
            cache.put("k3", 3, "c", generation.get());
            assertEquals(Optional.empty(), cache.get("k2"));
            assertEquals(Optional.of("a"), cache.get("k1"));
            // account 2 lost its only entry to the limit; a new entry of it is dropped with the account as usual
            cache.put("k2", 2, "b2", generation.get());
            cache.dropAccount(2);
            assertEquals(Optional.empty(), cache.get("k2"));
            assertEquals(1, cache.size());
        }

        @Test
        void anEntryThatMovesToAnotherAccountIsDroppedWithTheNewOneOnly() {
            NodeCache<String, String> cache = new NodeCache<>(10, generation, liveness);
            cache.put("k", 1, "a", generation.get());
            cache.put("k", 2, "b", generation.get());
            cache.dropAccount(1);
            assertEquals(Optional.of("b"), cache.get("k"));
            cache.dropAccount(2);
            assertEquals(Optional.empty(), cache.get("k"));
        }

        @Test
        void aReadThatRacedAnInvalidationIsNotStored() {
            NodeCache<String, String> cache = new NodeCache<>(10, generation, liveness);
            long readAt = cache.generation();
            generation.incrementAndGet();
            cache.put("k", 1, "stale", readAt);
            assertTrue(cache.get("k").isEmpty());
        }

        @Test
        void aBoundedCacheNeverHoldsMoreThanItsLimit() {
            NodeCache<Integer, Integer> cache = new NodeCache<>(100, generation, liveness);
            for (int i = 0; i < 1000; i++) {
                cache.put(i, i % 7, i, generation.get());
            }
            assertEquals(100, cache.size());
            for (int a = 0; a < 7; a++) {
                cache.dropAccount(a);
            }
            assertEquals(0, cache.size());
        }

        @Test
        void anEntryOlderThanTheMaximumAgeIsNotServedAndGoes() {
            NodeCache<String, String> cache = new NodeCache<>(10, generation, liveness);
            cache.put("k", 1, "a", generation.get());
            clock = Clock.offset(clock, Liveness.MAX_ENTRY_AGE);
            assertEquals(Optional.of("a"), cache.get("k"), "at exactly the maximum age");
            clock = Clock.offset(clock, Duration.ofMillis(1));
            assertEquals(Optional.empty(), cache.get("k"));
            assertEquals(0, cache.size());
            cache.put("k", 1, "b", generation.get());
            assertEquals(Optional.of("b"), cache.get("k"), "stored again, young again");
        }

        @Test
        void anEntryStoredBeforeTheClockWasSetBackIsNotServed() {
            NodeCache<String, String> cache = new NodeCache<>(10, generation, liveness);
            cache.put("k", 1, "a", generation.get());
            clock = Clock.offset(clock, Duration.ofMinutes(-5));
            assertEquals(Optional.empty(), cache.get("k"));
        }
    }
}
