package io.gemhost.account;

import java.time.Duration;

/**
 * The throttle of docs/SECURITY.md: after 10 consecutive failures a pause of 1 minute that doubles with each
 * further failure, up to an hour; at 100 a second factor is locked until a reset or an operator.
 */
public final class ThrottlePolicy {

    public static final int FREE_FAILURES = 10;
    public static final int LOCK_FAILURES = 100;
    public static final long LOCKED = Long.MAX_VALUE;

    private ThrottlePolicy() {
    }

    /** The pause that follows the given number of consecutive failures. */
    public static Duration pauseAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 6);
        return Duration.ofMinutes(Math.min(60, 1L << doublings));
    }

    /** When a key with this many failures may try again (LOCKED for a locked second factor). */
    public static long blockedUntil(int failures, long now, boolean lockable) {
        if (lockable && failures >= LOCK_FAILURES) {
            return LOCKED;
        }
        Duration pause = pauseAfter(failures);
        return pause.isZero() ? 0 : now + pause.toMillis();
    }
}
