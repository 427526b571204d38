package io.gemhost.it;

import io.gemhost.totp.Base32;
import io.gemhost.totp.Totp;
import java.time.Instant;

/**
 * A phone's authenticator app for tests: codes for steps that only move forward, since the
 * server accepts each step once. It hands out the current and the next step; when both are
 * used it waits for the clock.
 */
public final class Authenticator {

    public final String base32;
    private final byte[] key;
    private long lastStep = Long.MIN_VALUE;

    public Authenticator(String keyText) {
        this.base32 = keyText.replace(" ", "");
        this.key = Base32.decode(base32);
    }

    public synchronized String next() {
        while (true) {
            long now = Totp.step(Instant.now());
            long step = Math.max(lastStep + 1, now);
            if (step <= now + 1) {
                lastStep = step;
                return Totp.code(key, step);
            }
            sleep(500);
        }
    }

    /** A code the server has accepted before (its step is used): for replay tests. */
    public String used() {
        return Totp.code(key, lastStep);
    }

    /** A code that is wrong for this key (right length, digits only). */
    public String wrong() {
        String right = Totp.code(key, Totp.step(Instant.now()));
        char[] c = right.toCharArray();
        c[0] = (char) ('0' + (c[0] - '0' + 5) % 10);
        return new String(c);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
