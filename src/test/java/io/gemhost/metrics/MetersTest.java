package io.gemhost.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.audit.EventKind;
import org.junit.jupiter.api.Test;

class MetersTest {

    @Test
    void everySignInDetailThePagesWriteNamesItsFactor() {
        assertEquals("password", Meters.factorOf("password only"));
        assertEquals("totp", Meters.factorOf("with the authenticator app"));
        assertEquals("totp", Meters.factorOf("with the authenticator app, new device confirmed by mail"));
        assertEquals("recovery_code", Meters.factorOf("with a recovery code"));
        assertEquals("security_key", Meters.factorOf("with a security device"));
        assertEquals("passkey", Meters.factorOf("with a passkey"));
        assertEquals("unknown", Meters.factorOf(null));
        assertEquals("other", Meters.factorOf("somehow"));
    }

    @Test
    void eventsMoveTheirCountersInPrometheusText() {
        Meters meters = new Meters();
        meters.count(EventKind.SIGN_IN, "with the authenticator app");
        meters.count(EventKind.SIGN_IN_THROTTLED, "3 failures");
        meters.count(EventKind.OTP_FAILED, null);
        meters.count(EventKind.OTP_FAILED, "passkey");
        meters.count(EventKind.SECOND_FACTOR_LOCKED, null);
        meters.count(EventKind.SIGN_OUT, null);
        meters.apiRequest("POST /api/v1/gems", 200);
        String text = meters.scrape();
        assertTrue(text.contains("gemhost_sign_ins_total{factor=\"totp\",outcome=\"signed_in\"} 1.0"), text);
        assertTrue(text.contains("gemhost_sign_ins_total{factor=\"password\",outcome=\"throttled\"} 1.0"), text);
        assertTrue(text.contains("gemhost_throttle_pauses_total{step=\"password\"} 1.0"), text);
        assertTrue(text.contains("gemhost_second_factor_failures_total 2.0"), text);
        assertTrue(text.contains("gemhost_second_factor_locks_total 1.0"), text);
        assertTrue(text.contains("gemhost_api_requests_total{route=\"POST /api/v1/gems\",status=\"200\"} 1.0"), text);
    }
}
