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
