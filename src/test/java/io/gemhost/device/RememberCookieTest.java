package io.gemhost.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RememberCookieTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final RememberCookie cookie = new RememberCookie("k".repeat(32).getBytes());

    @Test
    void vouchesForItsAccountFor30Days() {
        String value = cookie.issue(42, NOW);
        assertTrue(cookie.vouchesFor(value, 42, NOW));
        assertTrue(cookie.vouchesFor(value, 42, NOW.plus(Duration.ofDays(30)).minusSeconds(1)));
        assertFalse(cookie.vouchesFor(value, 42, NOW.plus(Duration.ofDays(30))), "30 days and no more");
        assertFalse(cookie.vouchesFor(value, 43, NOW), "another account's");
        assertFalse(cookie.vouchesFor(value, 42, NOW.minus(Duration.ofMinutes(10))), "set in the future");
    }

    @Test
    void anAlteredOrForeignCookieVouchesForNothing() {
        String value = cookie.issue(42, NOW);
        String[] parts = value.split("\\.");
        assertFalse(cookie.vouchesFor(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2], 42, NOW), "a moved time");
        assertFalse(cookie.vouchesFor(new RememberCookie("x".repeat(32).getBytes()).issue(42, NOW), 42, NOW), "another key");
        for (String bad : new String[] {null, "", "42", "42.1.", "42.x.AAAA", "42.1.!!", value + ".1", "x".repeat(200)}) {
            assertFalse(cookie.vouchesFor(bad, 42, NOW), String.valueOf(bad));
        }
    }
}
