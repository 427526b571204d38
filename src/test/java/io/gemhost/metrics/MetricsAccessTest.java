package io.gemhost.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    @Test
    void loopbackReadsWithoutAToken() {
        assertTrue(MetricsAccess.allowed("127.0.0.1", null, ""));
        assertTrue(MetricsAccess.allowed("127.8.9.10", null, "secret"));
        assertTrue(MetricsAccess.allowed("::1", null, null));
        assertTrue(MetricsAccess.allowed("0:0:0:0:0:0:0:1", null, null));
    }

    @Test
    void anyOtherAddressNeedsTheExactBearerToken() {
        assertFalse(MetricsAccess.allowed("203.0.113.7", null, "secret"));
        assertFalse(MetricsAccess.allowed("203.0.113.7", "Bearer secre", "secret"));
        assertFalse(MetricsAccess.allowed("203.0.113.7", "Bearer secret2", "secret"));
        assertFalse(MetricsAccess.allowed("203.0.113.7", "Basic secret", "secret"));
        assertFalse(MetricsAccess.allowed("203.0.113.7", "secret", "secret"));
        assertTrue(MetricsAccess.allowed("203.0.113.7", "Bearer secret", "secret"));
    }

    @Test
    void withoutATokenSetNothingButLoopbackReads() {
        assertFalse(MetricsAccess.allowed("203.0.113.7", "Bearer ", ""));
        assertFalse(MetricsAccess.allowed("203.0.113.7", "Bearer null", null));
    }

    @Test
    void onlyLiteralLoopbackAddressesCount() {
        assertFalse(MetricsAccess.loopback("localhost"));
        assertFalse(MetricsAccess.loopback("127.0.0.1.example.com"));
        assertFalse(MetricsAccess.loopback("1127.0.0.1"));
        assertFalse(MetricsAccess.loopback(""));
        assertFalse(MetricsAccess.loopback(null));
        assertTrue(MetricsAccess.loopback("::ffff:127.0.0.1"));
    }
}
