package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * (-Ppostgres only) A node that loses its database turns not-ready within 5 s and ready again when
 * it is back. The node reaches PostgreSQL through a TCP proxy of the test's own, which the test
 * cuts and restores (the machine's PostgreSQL serves other runs and keeps running).
 */
class HealthPostgresIT {

    static ServerProcess node;
    static TcpProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        String db = System.getProperty("gemhost.itDatabase", "gemhost_it") + "_health";
        ServerProcess.freshPostgresDatabase(db);
        proxy = new TcpProxy("127.0.0.1", 5432);
        Map<String, String> env = new HashMap<>(Gemhost.TEST_ENV);
        env.put("GEMHOST_DB_NAME", db);
        env.put("GEMHOST_DB_HOST", "127.0.0.1");
        env.put("GEMHOST_DB_PORT", Integer.toString(proxy.port()));
        node = new ServerProcess("health", Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-health-"), env);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        awaitReady(200, 15_000);
        assertTrue(ready().body().contains("\"cache-invalidation\""), ready().body());

        proxy.cut();
        long cutAt = System.nanoTime();
        awaitReady(503, 5_000);
        long tookMs = (System.nanoTime() - cutAt) / 1_000_000;
        HttpResponse<String> down = ready();
        assertTrue(down.body().replace(" ", "").startsWith("{\"status\":\"DOWN\""), down.body());
        assertEquals(200, live().statusCode(), "the process is alive: a restart would not help");
        System.out.println("HealthPostgresIT: not ready " + tookMs + " ms after the database went away");

        proxy.restore();
        awaitReady(200, 30_000);
    }

    private static void awaitReady(int status, long withinMs) throws Exception {
        long end = System.currentTimeMillis() + withinMs;
        HttpResponse<String> last = null;
        while (System.currentTimeMillis() < end) {
            last = ready();
            if (last.statusCode() == status) {
                return;
            }
            Thread.sleep(200); // polling the node, not waiting for a clock
        }
        throw new AssertionError("/health/ready did not answer " + status + " within " + withinMs + " ms; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static HttpResponse<String> ready() throws Exception {
        return Api.send("GET", node.baseUrl + "/health/ready", Map.of(), null);
    }

    private static HttpResponse<String> live() throws Exception {
        return Api.send("GET", node.baseUrl + "/health/live", Map.of(), null);
    }
}
