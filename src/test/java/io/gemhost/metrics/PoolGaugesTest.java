package io.gemhost.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PoolGaugesTest {

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
