package io.gemhost.cache;

import java.time.Clock;
import java.time.Duration;

/**
 * How fresh this node's knowledge of changes is (docs/SECURITY.md, "Read caches and revocation").
 * Every second the node sends a heartbeat notification through its connection pool, carrying the
 * time it was sent; notifications arrive in commit order, so receiving a heartbeat proves that
 * every change committed before it was sent has been heard. The caches answer only while the
 * newest heartbeat received was sent at most {@link #SILENCE} ago, and an entry is never older
 * than {@link #MAX_ENTRY_AGE}. A time from the future (the clock was set back) counts as stale.
 * The listener thread writes; a request's check reads one volatile field and the clock.
 */
final class Liveness {

    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);
    static final Duration SILENCE = Duration.ofSeconds(2);
    static final Duration MAX_ENTRY_AGE = Duration.ofSeconds(30);

    private final Clock clock;
    /** When the newest heartbeat heard on the current LISTEN connection was sent; 0: none yet. */
    private volatile long provenAt;

    Liveness(Clock clock) {
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }

    /** Whether the caches may answer: a heartbeat sent within the last two seconds was heard. */
    boolean fresh() {
        return within(provenAt, SILENCE);
    }

    /** Whether an entry stored at {@code storedAt} may still be served. */
    boolean young(long storedAt) {
        return within(storedAt, MAX_ENTRY_AGE);
    }

    /**
     * Whether the channel has gone silent: neither a heartbeat nor the LISTEN that began at
     * {@code listeningSince} lies within the last two seconds (then the listener connects anew).
     */
    boolean silentSince(long listeningSince) {
        return !within(Math.max(provenAt, listeningSince), SILENCE);
    }

    /** This node's own heartbeat, sent at {@code sentAt}, arrived. */
    void heard(long sentAt) {
        provenAt = sentAt;
    }

    /** The channel is down or unproven: nothing heard counts any more. */
    void lost() {
        provenAt = 0;
    }

    private boolean within(long at, Duration limit) {
        long age = clock.millis() - at;
        return at > 0 && age >= 0 && age <= limit.toMillis();
    }
}
