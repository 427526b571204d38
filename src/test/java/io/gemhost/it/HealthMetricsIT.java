package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Gemhost.BehindProxy;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load balancer's health checks and Prometheus' scrape (docs/SECURITY.md, "Health and
 * metrics"): the health answers are public and say only the status; the counters move with what
 * people do; the connection pool's gauges show this node's pool; /metrics answers loopback, or
 * anyone with GEMHOST_METRICS_TOKEN, and behind the trusted proxy a client from outside without
 * the token is refused.
 */
@ExtendWith({Gemhost.class, BehindProxy.class})
class HealthMetricsIT {

    @Test
    void liveAndReadyAnswerUpInMicroProfileHealthsShape() throws Exception {
        for (String path : new String[] {"/health/live", "/health/ready"}) {
            HttpResponse<String> r = Api.send("GET", path, Map.of(), null);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
            assertTrue(r.body().replace(" ", "").startsWith("{\"status\":\"UP\",\"checks\":["), path + ": " + r.body());
        }
        String ready = Api.send("GET", "/health/ready", Map.of(), null).body();
        assertTrue(ready.contains("\"database\"") && ready.contains("\"migrations\""), ready);
        assertFalse(ready.contains("jdbc") || ready.contains("H2") || ready.contains("version"), "status only: " + ready);
    }

    @Test
    void countersMoveWithSignInsWrongCodesAndPushes() throws Exception {
        String before = metrics();
        Browser browser = new Browser(Gemhost.url());
        Mfa.Enrolled e = Mfa.enroll(browser);
        Users.signOut(browser);
        Browser other = new Browser(Gemhost.url());
        Page otp = Mfa.password(other, e.user());
        Page wrong = Mfa.otp(other, otp, "000000".equals(e.app().next()) ? "111111" : "000000");
        assertEquals("/sign_in/otp", wrong.path(), wrong.text());
        assertEquals("/profile/edit", Mfa.otp(other, otp, e.app().next()).path());

        Users.User plain = Users.signUp(new Browser(Gemhost.url()));
        HttpResponse<String> key = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(plain.email(), plain.password()), null), Api.ALL_SCOPES);
        assertEquals(200, key.statusCode(), key.body());
        HttpResponse<String> push = Api.send("POST", "/api/v1/gems", ApiLevelsIT.withType(Api.headers(key.body(), null)),
                TestGems.gem("metered-" + plain.handle(), "1.0.0", "ruby", false));
        assertEquals(200, push.statusCode(), push.body());

        String after = metrics();
        assertMoved(before, after, "gemhost_sign_ins_total{factor=\"totp\",outcome=\"signed_in\"}");
        assertMoved(before, after, "gemhost_second_factor_failures_total");
        assertMoved(before, after, "gemhost_pushes_total");
        assertMoved(before, after, "gemhost_api_requests_total{route=\"POST /api/v1/gems\",status=\"200\"}");
        assertMoved(before, after, "gemhost_api_requests_total{route=\"POST /api/v1/api_key\",status=\"200\"}");
        assertTrue(after.contains("# TYPE gemhost_cache_lookups_total counter"), after);
    }

    /** The pool's maximum: GEMHOST_DB_POOL_MAX on PostgreSQL; on H2 Payara's H2Pool and wildfly.cli's GemhostH2 open 32. */
    static final int POOL_MAX = ServerProcess.postgres() ? ServerProcess.POOL_MAX : 32;

    @Test
    void poolGaugesShowThisNodesPool() throws Exception {
        assertEquals(200, Api.send("GET", "/health/ready", Map.of(), null).statusCode()); // the pool has served
        String text = metrics();
        assertEquals(POOL_MAX, gauge(text, "gemhost_db_pool_max"), text);
        double inUse = gauge(text, "gemhost_db_pool_connections{state=\"in_use\"}");
        double idle = gauge(text, "gemhost_db_pool_connections{state=\"idle\"}");
        assertTrue(inUse >= 0 && idle >= 0 && inUse + idle >= 1 && inUse + idle <= POOL_MAX, text);
        assertFalse(text.contains("H2Pool") || text.contains("GemhostPostgres") || text.contains("GemhostH2"), "numbers only: " + text);
        System.out.println("pool gauges: " + poolLines(text));
        // Payara's wait queue is there to read; WildFly counts only the waits so far
        assertEquals(!ServerProcess.wildfly(), text.contains("# TYPE gemhost_db_pool_pending gauge"), text);
        if (!ServerProcess.wildfly()) {
            assertEquals(0, gauge(text, "gemhost_db_pool_pending"), text);
        }
        if (ServerProcess.postgres()) {
            heldRequestsShowAsConnectionsInUse();
        }
    }

    /**
     * Requests that wait for a table lock the test holds each hold a connection until it is
     * released. PostgreSQL waits for a lock as long as it is held; H2 gives up after 2 s, too
     * short to be sure of, so this runs on PostgreSQL only.
     */
    private static void heldRequestsShowAsConnectionsInUse() throws Exception {
        int held = 3;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(held);
        try (Connection db = Gemhost.server().db()) {
            db.setAutoCommit(false);
            try (Statement lock = db.createStatement()) {
                lock.execute("LOCK TABLE rubygem IN ACCESS EXCLUSIVE MODE");
            }
            for (int i = 0; i < held; i++) {
                answers.add(CompletableFuture.supplyAsync(HealthMetricsIT::ownersOfAGemNoOneHas, clients));
            }
            String during = awaitMetrics(t -> gauge(t, "gemhost_db_pool_connections{state=\"in_use\"}") >= held);
            assertTrue(gauge(during, "gemhost_db_pool_connections{state=\"in_use\"}") <= POOL_MAX, during);
            System.out.println("pool gauges while " + held + " requests wait for the lock: " + poolLines(during));
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                assertFalse(a.isDone(), "an answer came while the lock was held");
            }
            db.rollback();
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                assertEquals(404, a.get(60, TimeUnit.SECONDS).statusCode());
            }
        } finally {
            clients.shutdownNow();
        }
        // given back: at most the read caches' heartbeat holds one now
        String after = metrics();
        assertTrue(gauge(after, "gemhost_db_pool_connections{state=\"in_use\"}") < held, after);
    }

    private static HttpResponse<String> ownersOfAGemNoOneHas() {
        try {
            return Api.send("GET", "/api/v1/gems/no-such-gem-held/owners.json", Map.of(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scrapes until {@code until} holds; fails after 30 s. */
    private static String awaitMetrics(Predicate<String> until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String text = metrics();
        while (!until.test(text)) {
            assertTrue(System.nanoTime() < deadline, "not seen within 30 s:\n" + text);
            Thread.onSpinWait();
            text = metrics();
        }
        return text;
    }

    private static List<String> poolLines(String text) {
        return text.lines().filter(l -> l.startsWith("gemhost_db_pool_")).toList();
    }

    /** A gauge's value; fails when the series is missing. */
    static double gauge(String text, String series) {
        OptionalDouble value = series(text, series);
        assertTrue(value.isPresent(), series + " missing:\n" + text);
        return value.getAsDouble();
    }

    @Test
    void behindTheTrustedProxyAnOutsideClientNeedsTheToken() throws Exception {
        String url = BehindProxy.server().baseUrl + "/metrics";
        Map<String, String> outside = Map.of("X-Forwarded-For", "203.0.113.77");
        HttpResponse<String> refused = Api.send("GET", url, outside, null);
        assertEquals(401, refused.statusCode(), refused.body());
        assertFalse(refused.body().contains("gemhost_"), refused.body());
        HttpResponse<String> wrong = Api.send("GET", url, with(outside, "Authorization", "Bearer " + "x".repeat(BehindProxy.METRICS_TOKEN.length())), null);
        assertEquals(401, wrong.statusCode(), wrong.body());
        HttpResponse<String> accepted = Api.send("GET", url, with(outside, "Authorization", "Bearer " + BehindProxy.METRICS_TOKEN), null);
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertTrue(accepted.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), accepted.headers().toString());
        assertTrue(accepted.body().contains("# TYPE gemhost_sign_ins_total counter"), accepted.body());
        // the health answers stay public from anywhere
        assertEquals(200, Api.send("GET", BehindProxy.server().baseUrl + "/health/ready", outside, null).statusCode());
    }

    static String metrics() throws Exception {
        HttpResponse<String> r = Api.send("GET", "/metrics", Map.of(), null);
        assertEquals(200, r.statusCode(), "loopback reads /metrics without a token: " + r.body());
        return r.body();
    }

    /** A counter's value; 0 while the series is not there yet. */
    static double value(String text, String series) {
        return series(text, series).orElse(0);
    }

    private static OptionalDouble series(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    static void assertMoved(String before, String after, String series) {
        assertTrue(value(after, series) > value(before, series), series + " did not move:\n" + after);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return h;
    }
}
