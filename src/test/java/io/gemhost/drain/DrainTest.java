package io.gemhost.drain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docs/ARCHITECTURE.md, "Shutdown and drain": a draining node refuses new requests and waits for those in flight. */
class DrainTest {

    @Test
    void aRequestInFlightIsAwaitedAndANewOneRefused() throws Exception {
        Drain drain = new Drain();
        assertTrue(drain.enter(), "before the drain a request is taken");
        assertTrue(drain.begin());
        assertFalse(drain.begin(), "a second SIGTERM begins nothing new");
        assertFalse(drain.enter(), "a new request is refused once the node drains");

        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Boolean> idle = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            try {
                return drain.awaitIdle(Duration.ofSeconds(30), Duration.ZERO);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        assertFalse(idle.isDone(), "one request is still in flight");
        drain.leave();
        assertTrue(idle.get(5, TimeUnit.SECONDS), "the drain ends when the request in flight is answered");
    }

    @Test
    void theWaitIsBounded() throws Exception {
        Drain drain = new Drain();
        assertTrue(drain.enter());
        drain.begin();
        assertFalse(drain.awaitIdle(Duration.ofMillis(50), Duration.ZERO), "a request that never ends does not hold the node forever");
        drain.leave();
        assertTrue(drain.awaitIdle(Duration.ZERO, Duration.ZERO));
    }

    @Test
    void theNodeWaitsUntilNoRequestHasComeForAWhile() throws Exception {
        Drain drain = new Drain();
        drain.begin();
        assertFalse(drain.enter(), "refused, but it came");
        assertFalse(drain.awaitIdle(Duration.ofMillis(20), Duration.ofSeconds(10)), "a request came just now: not quiet yet");
        assertTrue(drain.awaitIdle(Duration.ofSeconds(10), Duration.ofMillis(50)), "quiet once none came for the quiet time");
    }

    @Test
    void refusedRequestsAreNotCounted() throws Exception {
        Drain drain = new Drain();
        drain.begin();
        for (int i = 0; i < 3; i++) {
            assertFalse(drain.enter());
        }
        assertTrue(drain.awaitIdle(Duration.ZERO, Duration.ZERO));
    }
}
