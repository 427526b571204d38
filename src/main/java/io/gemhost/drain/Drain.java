package io.gemhost.drain;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether this node drains, and how many requests it is answering. A request counts itself in
 * before any work ({@link #enter}) and is refused if the node drains; {@link #begin} stops new
 * ones; {@link #awaitIdle} waits until those in flight are answered. One per application.
 */
public final class Drain {

    static final Drain NODE = new Drain();

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    /** When the newest request arrived (System.nanoTime), refused or not. */
    private volatile long lastArrival = System.nanoTime();

    Drain() {
    }

    /** Whether this node has begun to drain (its /health/ready says DOWN). */
    public static boolean draining() {
        return NODE.draining;
    }

    /** Requests this node is answering now. */
    public static int inFlight() {
        return NODE.inFlight.get();
    }

    /**
     * Counts a request in; false (and not counted) if the node drains. Counting first and then
     * reading the flag, while {@link #begin} sets the flag and then reads the count, means no
     * request slips past a drain uncounted.
     */
    boolean enter() {
        lastArrival = System.nanoTime();
        inFlight.incrementAndGet();
        if (draining) {
            leave();
            return false;
        }
        return true;
    }

    void leave() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Stops taking requests; true the first time. */
    synchronized boolean begin() {
        boolean first = !draining;
        draining = true;
        return first;
    }

    /**
     * Waits until no request is in flight and none has arrived for {@code quiet} (a load balancer
     * has seen /health/ready DOWN and sends no more), at most {@code limit}; true if so.
     */
    synchronized boolean awaitIdle(Duration limit, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long now = System.nanoTime();
            long stillQuiet = lastArrival + quiet.toNanos() - now;
            if (inFlight.get() == 0 && stillQuiet <= 0) {
                return true;
            }
            long left = deadline - now;
            if (left <= 0) {
                return false;
            }
            long wait = inFlight.get() > 0 ? left : Math.min(left, stillQuiet);
            wait(Math.max(1, wait / 1_000_000));
        }
    }
}
