package io.gemhost.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.audit.EventKind;
import io.gemhost.metrics.Health.HealthAnswer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What /health and /metrics answer: the health JSON, the counters, who may read them, and the pool's gauges. */
class MetricsTest {

    /** Health.HealthAnswer: MicroProfile Health's JSON and status. */
    @Nested
    class HealthAnswers {

        @Test
        void upWhenEveryCheckIs() {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            checks.put("database", true);
            checks.put("migrations", true);
            HealthAnswer answer = new HealthAnswer(checks);
            assertEquals(200, answer.httpStatus());
            assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\"},"
                    + "{\"name\":\"migrations\",\"status\":\"UP\"}]}", answer.json());
        }

        @Test
        void oneCheckDownMakesTheAnswerDownAnd503() {
            Map<String, Boolean> checks = new LinkedHashMap<>();
            checks.put("database", false);
            checks.put("migrations", false);
            checks.put("cache-invalidation", true);
            HealthAnswer answer = new HealthAnswer(checks);
            assertEquals(503, answer.httpStatus());
            assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"},"
                    + "{\"name\":\"migrations\",\"status\":\"DOWN\"},{\"name\":\"cache-invalidation\",\"status\":\"UP\"}]}", answer.json());
        }
    }

    /** Meters: each counter and what moves it. */
    @Nested
    class Counters {

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

    /** MetricsAccess: loopback, or the exact bearer token. */
    @Nested
    class Access {

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

    /** PoolGauges: the connection pool's figures at each scrape. */
    @Nested
    class PoolFigures {

        @Test
        void aPoolOfNoKnownServerHasNoGaugesAndTheScrapeStillAnswers() {
            DataSource plain = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        throw new UnsupportedOperationException(method.getName());
                    });
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            PoolGauges.register(registry, plain);
            assertFalse(registry.scrape().contains("gemhost_db_pool"), registry.scrape());
        }

        @Test
        void aFigureThatCannotBeReadIsNaNNotAFailedScrape() {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            PoolGauges.register(registry, new PoolGauges.Source() {
                @Override
                public String describe() {
                    return "a pool that went away";
                }

                @Override
                public double inUse() {
                    return 3;
                }

                @Override
                public double idle() {
                    throw new IllegalStateException("no pool");
                }

                @Override
                public boolean countsWaiting() {
                    return false;
                }

                @Override
                public double waiting() {
                    throw new AssertionError("never read");
                }

                @Override
                public double max() {
                    return 12;
                }
            });
            String text = registry.scrape();
            assertTrue(text.contains("gemhost_db_pool_connections{state=\"in_use\"} 3.0"), text);
            assertTrue(text.contains("gemhost_db_pool_connections{state=\"idle\"} NaN"), text);
            assertTrue(text.contains("gemhost_db_pool_max 12.0"), text);
            assertFalse(text.contains("gemhost_db_pool_pending"), text);
        }
    }
}
