package io.gemhost.metrics;

import io.gemhost.cache.ReadCache;
import io.gemhost.config.Migrations;
import io.gemhost.drain.Drain;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Whether this node may take requests: the database answers through the pool within 2 s, its
 * schema has every migration this build ships, and on PostgreSQL the read caches' invalidation
 * channel is listening (ReadCache.serving: a heartbeat came back within 2 s), so a node that
 * loses its database is not ready within about 2 s. Live is the process itself: always UP while
 * it answers. A draining node is not ready, at once (check "draining").
 */
@ApplicationScoped
public class Health {

    static final int TIMEOUT_S = 2;

    /**
     * MicroProfile Health's answer: {@code {"status":"UP","checks":[{"name":...,"status":"UP"}]}}, UP
     * only when every check is, and nothing beyond each check's name and status. Pure.
     */
    record HealthAnswer(Map<String, Boolean> checks) {

        boolean up() {
            return checks.values().stream().allMatch(Boolean::booleanValue);
        }

        int httpStatus() {
            return up() ? 200 : 503;
        }

        /** Check names are this package's own constants (letters and '-'), so nothing needs escaping. */
        String json() {
            StringBuilder out = new StringBuilder("{\"status\":\"").append(status(up())).append("\",\"checks\":[");
            String separator = "";
            for (Map.Entry<String, Boolean> check : checks.entrySet()) {
                out.append(separator).append("{\"name\":\"").append(check.getKey()).append("\",\"status\":\"")
                        .append(status(check.getValue())).append("\"}");
                separator = ",";
            }
            return out.append("]}").toString();
        }

        private static String status(boolean up) {
            return up ? "UP" : "DOWN";
        }
    }

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource pool;
    @EJB
    Migrations migrations;
    @Inject
    ReadCache cache;

    HealthAnswer live() {
        return new HealthAnswer(Map.of("process", true));
    }

    HealthAnswer ready() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        if (Drain.draining()) {
            // docs/ARCHITECTURE.md, "Shutdown and drain": out of the load balancer at once, no database work
            checks.put("draining", false);
            return new HealthAnswer(checks);
        }
        boolean database = database();
        checks.put("database", database);
        checks.put("migrations", database && migrations.current(TIMEOUT_S));
        if (migrations.onPostgres() && cache.enabled()) {
            checks.put("cache-invalidation", cache.serving());
        }
        return new HealthAnswer(checks);
    }

    private boolean database() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(TIMEOUT_S);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
