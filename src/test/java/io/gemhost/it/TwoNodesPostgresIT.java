package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.gems.TestGems;
import io.gemhost.it.Mfa.Enrolled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * -Ppostgres only: two Payara Micro nodes on one PostgreSQL database. Codes,
 * windows and throttles live in the database, so neither node can be used to get around the other.
 * Node B reaches the database through a TCP proxy of the test's own (all of its connections, as
 * configured: GEMHOST_DB_PORT), so a test can make one of them die silently.
 */
class TwoNodesPostgresIT {

    static final String DB = System.getProperty("gemhost.itDatabase", "gemhost_it") + "_nodes";
    static ServerProcess a;
    static ServerProcess b;
    static TcpProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        ServerProcess.freshPostgresDatabase(DB);
        Map<String, String> env = new HashMap<>(Gemhost.TEST_ENV);
        env.put("GEMHOST_DB_NAME", DB);
        env.put("GEMHOST_SECRET_KEY", LifecycleIT.secret());
        Path target = Path.of("target").toAbsolutePath();
        // both nodes boot at once, as a cluster does (Flyway's lock on PostgreSQL lets one of them
        // migrate the fresh database while the other waits), and one boot's time is spared
        Path dataB = Files.createTempDirectory(target, "it-node-b-");
        proxy = new TcpProxy("127.0.0.1", 5432);
        Map<String, String> envB = new HashMap<>(env);
        envB.put("GEMHOST_DB_HOST", "127.0.0.1");
        envB.put("GEMHOST_DB_PORT", Integer.toString(proxy.port()));
        CompletableFuture<ServerProcess> nodeB = CompletableFuture.supplyAsync(() -> {
            try {
                return new ServerProcess("node-b", dataB, envB);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            a = new ServerProcess("node-a", Files.createTempDirectory(target, "it-node-a-"), env);
        } finally {
            b = nodeB.join();
        }
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aTotpCodeAcceptedOnNodeAIsRefusedOnNodeB() throws Exception {
        Enrolled e = Mfa.enroll(new Browser(a.baseUrl));
        String code = e.app().next();
        Browser onA = new Browser(a.baseUrl);
        Browser onB = new Browser(b.baseUrl);
        Page otpA = Mfa.password(onA, e.user());
        Page otpB = Mfa.password(onB, e.user());

        assertEquals("/profile/edit", Mfa.otp(onA, otpA, code).path());
        Page replay = Mfa.otp(onB, otpB, code);

        assertEquals("/sign_in/otp", replay.path(), replay.text());
        assertTrue(replay.text().contains("Your OTP code is incorrect"), replay.text());
    }

    @Test
    void oneRecoveryCodeFiredAtBothNodesByTwentySignInsSucceedsOnce() throws Exception {
        Enrolled e = Mfa.enroll(new Browser(a.baseUrl));
        assertEquals(1, MfaIT.race(e, e.recoveryCodes().get(0), a.baseUrl, b.baseUrl));
    }

    @Test
    void anApiCodeWindowHoldsOnBothNodesAndEndsOnBoth() throws Exception {
        Browser browser = new Browser(a.baseUrl);
        Enrolled e = Mfa.enroll(browser);
        Page level = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(0)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        String basic = Api.basic(e.user().email(), e.user().password());
        String code = e.app().next();

        assertEquals(200, signin(a, basic, code).statusCode());
        assertEquals(200, signin(b, basic, code).statusCode(), "the same code within its window, on the other node");

        try (Connection db = a.db(); var s = db.prepareStatement(
                "UPDATE api_code_window SET accepted_at = accepted_at - 3600000 WHERE account_id = (SELECT id FROM account WHERE email = ?)")) {
            s.setString(1, e.user().email());
            s.executeUpdate();
        }
        for (ServerProcess node : List.of(a, b)) {
            HttpResponse<String> after = signin(node, basic, code);
            assertEquals(401, after.statusCode());
            assertEquals(ApiLevelsIT.INCORRECT, after.body());
        }
    }

    @Test
    void failuresOnBothNodesAddUpToOneThrottle() throws Exception {
        Enrolled e = Mfa.enroll(new Browser(a.baseUrl));
        Browser onA = new Browser(a.baseUrl);
        Browser onB = new Browser(b.baseUrl);
        Page pa = Mfa.password(onA, e.user());
        Page pb = Mfa.password(onB, e.user());
        for (int i = 0; i < 5; i++) {
            pa = Mfa.otp(onA, pa, e.app().wrong());
            pb = Mfa.otp(onB, pb, e.app().wrong());
        }
        assertTrue(pb.text().contains("Too many wrong codes"), pb.text());
        Page right = Mfa.otp(onA, pa, e.app().next());
        assertEquals("/sign_in/otp", right.path());
        assertTrue(right.text().contains("Too many wrong codes"), right.text());
    }

    @Test
    void fiftyConcurrentWrongPasswordsOverBothNodesRunAtMostTenChecks() throws Exception {
        Users.User user = Users.signUp(new Browser(a.baseUrl));
        List<Integer> statuses = ThrottleRaceIT.wrongPasswords(user, a.baseUrl, b.baseUrl);
        ThrottleRaceIT.assertChecks(a, user.email(), statuses, 401, "SIGN_IN_FAILED", "SIGN_IN_THROTTLED");
        // GEMHOST_DB_POOL_MAX caps each node's pool: two pools, two cache listeners and this test's own
        try (Connection db = a.db(); PreparedStatement count = db.prepareStatement("select count(*) from pg_stat_activity where datname = ?")) {
            count.setString(1, DB);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertTrue(rows.getInt(1) <= 2 * ServerProcess.POOL_MAX + 3, rows.getInt(1) + " connections");
            }
        }
    }

    @Test
    void fiftyConcurrentWrongOtpsOverBothNodesRunAtMostTenChecks() throws Exception {
        Enrolled e = ThrottleRaceIT.uiAndApi(a.baseUrl);
        List<Integer> statuses = ThrottleRaceIT.wrongOtps(e, a.baseUrl, b.baseUrl);
        ThrottleRaceIT.assertChecks(a, e.user().email(), statuses, 401, "OTP_FAILED");
    }

    /**
     * The read caches (issue: guard overhead): each node keeps API callers and gem lists in memory.
     * A revoked key, a changed level, a removed owner and a changed scope are refused (or shown)
     * on the node that made the change at its very next request, and on the other node within a
     * second, measured from the moment the change's response arrived.
     */
    @Test
    void cachedCallersAndGemListsFollowChangesOnBothNodes() throws Exception {
        for (ServerProcess node : List.of(a, b)) {
            assertTrue(node.logText().contains("gemhost read cache: listening on gemhost_cache"), node.tail());
        }
        Browser browser = new Browser(a.baseUrl);
        Enrolled owner = Mfa.enroll(browser);
        String basic = Api.basic(owner.user().email(), owner.user().password());
        String key = Api.form("POST", a.baseUrl + "/api/v1/api_key", Api.headers(basic, null), Api.ALL_SCOPES).body();
        String narrow = Api.form("POST", a.baseUrl + "/api/v1/api_key", Api.headers(basic, null),
                Map.of("name", "index only", "index_rubygems", "true")).body();
        String gem = "cache" + Long.toString(System.nanoTime(), 36);
        assertEquals(200, push(a, key, TestGems.gem(gem, "1.0.0", "ruby", false)).statusCode());
        Users.User friend = Users.signUp(new Browser(a.baseUrl));
        String friendKey = Api.form("POST", a.baseUrl + "/api/v1/api_key",
                Api.headers(Api.basic(friend.email(), friend.password()), null), Api.ALL_SCOPES).body();
        assertEquals(200, Api.form("POST", a.baseUrl + "/api/v1/gems/" + gem + "/owners", Api.headers(key, null),
                Map.of("email", friend.email())).statusCode());

        // warm both nodes' caches
        for (ServerProcess node : List.of(a, b)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(gemsJson(node, friendKey).body().contains(gem));
                assertEquals(403, push(node, narrow, new byte[] {1}).statusCode(), "the narrow key may not push");
                assertEquals(404, addOwner(node, key, gem, "nobody-" + i + "@example.org", null).statusCode(), "no code asked at UI only");
            }
        }

        // a scope added on A: pushes with that key pass the guard (and fail on the body) on A at once, on B within a second
        assertEquals(200, Api.form("PUT", a.baseUrl + "/api/v1/api_key", Api.headers(basic, null),
                Map.of("api_key", narrow, "push_rubygem", "true")).statusCode());
        assertEquals(422, push(a, narrow, new byte[] {1}).statusCode(), "a broken gem, past the guard");
        within(() -> push(b, narrow, new byte[] {1}).statusCode(), 422, "a scope added on node A");

        // the level raised on A: the key's owner changes need a code now
        Page level = browser.submit(browser.get("/profile/edit"), "Update", Map.of("MFA level", "UI and API", "OTP code", owner.recoveryCodes().get(0)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        assertEquals(401, addOwner(a, key, gem, "nobody@example.org", null).statusCode());
        within(() -> addOwner(b, key, gem, "nobody@example.org", null).statusCode(), 401, "a level raised on node A");

        // an owner removed on A: the friend's gem list drops the gem
        String code = owner.app().next();
        assertEquals(200, Api.form("DELETE", a.baseUrl + "/api/v1/gems/" + gem + "/owners", Api.headers(key, code),
                Map.of("email", friend.email())).statusCode());
        assertTrue(!gemsJson(a, friendKey).body().contains(gem), "node A still lists the removed ownership");
        within(() -> gemsJson(b, friendKey).body().contains(gem) ? 1 : 0, 0, "an owner removed on node A");

        // a key revoked on A
        Page revoked = browser.submit(browser.get("/profile/api_keys"), "Revoke", Map.of());
        assertTrue(revoked.text().contains("revoked"), revoked.text());
        Page again = browser.submit(browser.get("/profile/api_keys"), "Revoke", Map.of());
        assertTrue(again.text().contains("revoked"), again.text());
        assertEquals(401, gemsJson(a, key).statusCode());
        within(() -> gemsJson(b, key).statusCode(), 401, "a key revoked on node A");
    }

    /**
     * When a node's invalidation channel breaks (its LISTEN connection is killed), a change it
     * cannot hear of must still not be served from memory: here a key deleted behind both nodes'
     * backs, while their channels are down, is refused on both within a second.
     */
    @Test
    void aBrokenChannelStopsTheCacheFromServing() throws Exception {
        Users.User user = Users.signUp(new Browser(a.baseUrl));
        String key = Api.form("POST", a.baseUrl + "/api/v1/api_key",
                Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES).body();
        for (ServerProcess node : List.of(a, b)) {
            assertEquals(200, gemsJson(node, key).statusCode());
            assertEquals(200, gemsJson(node, key).statusCode());
        }
        try (Connection db = a.db(); var s = db.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gemhost read cache' AND datname = '" + DB + "'");
            s.execute("ALTER TABLE api_key DISABLE TRIGGER api_key_cache"); // no notification at all for what follows
            try {
                assertEquals(1, s.executeUpdate("DELETE FROM api_key WHERE digest = '" + io.gemhost.apikey.ApiKeys.digest(key) + "'"));
            } finally {
                s.execute("ALTER TABLE api_key ENABLE TRIGGER api_key_cache");
            }
        }
        within(() -> gemsJson(a, key).statusCode(), 401, "a key deleted while node A's channel was down (node A)");
        within(() -> gemsJson(b, key).statusCode(), 401, "a key deleted while node B's channel was down");
    }

    /**
     * When node B's invalidation channel dies silently (its LISTEN connection black-holed: open on
     * both sides, no byte passing, nothing logged by the driver), a key revoked on node A is refused
     * on node B within 3 seconds all the same, the node says so in its log, and its cache serves
     * again once its channel is proven again.
     */
    @Test
    void aSilentlyDeadChannelStopsTheCacheWithinThreeSeconds() throws Exception {
        Browser browser = new Browser(a.baseUrl);
        Users.User user = Users.signUp(browser);
        String key = Api.form("POST", a.baseUrl + "/api/v1/api_key",
                Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES).body();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, gemsJson(b, key).statusCode());
        }
        int blackHoled = 0;
        try (Connection db = a.db(); var s = db.prepareStatement(
                "SELECT client_port FROM pg_stat_activity WHERE application_name = 'gemhost read cache' AND datname = ?")) {
            s.setString(1, DB);
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    blackHoled += proxy.blackHole(r.getInt(1)) ? 1 : 0;
                }
            }
        }
        assertEquals(1, blackHoled, "node B's LISTEN connection passes through the proxy");
        int missedBefore = count(b.logText(), MISSED_HEARTBEAT);
        int resumedBefore = count(b.logText(), SERVING_AGAIN);

        Page revoked = browser.submit(browser.get("/profile/api_keys"), "Revoke", Map.of());
        assertTrue(revoked.text().contains("revoked"), revoked.text());
        assertEquals(401, gemsJson(a, key).statusCode());
        within(() -> gemsJson(b, key).statusCode(), 401, "a key revoked on node A while node B's channel is silently dead", 3000);

        awaitLog(b, MISSED_HEARTBEAT, missedBefore);
        awaitLog(b, SERVING_AGAIN, resumedBefore);
        assertEquals(401, gemsJson(b, key).statusCode(), "the revoked key, once node B serves from memory again");
    }

    static final String MISSED_HEARTBEAT = "gemhost read cache: no heartbeat";
    static final String SERVING_AGAIN = "gemhost read cache: listening on gemhost_cache";

    /** Polls the node's log until {@code part} appears more often than {@code before} times; fails after 15 s. */
    static void awaitLog(ServerProcess node, String part, int before) throws Exception {
        long start = System.nanoTime();
        while (count(node.logText(), part) <= before) {
            assertTrue(System.nanoTime() - start < 15_000_000_000L, "no new '" + part + "' in the log:\n" + node.tail());
            Thread.sleep(50);
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /**
     * One business transaction is one database transaction: the rows a request writes when its
     * transaction commits (here a new API key and its security-log event) commit together, never
     * one by one, each auto-committed on a connection outside the transaction. A trigger notes the
     * database transaction of every row written.
     */
    @Test
    void theRowsOfOneRequestCommitInOneDatabaseTransaction() throws Exception {
        Users.User user = Users.signUp(new Browser(a.baseUrl));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE it_written (tbl TEXT, tx BIGINT)");
            s.execute("CREATE FUNCTION it_note() RETURNS trigger AS $$ BEGIN "
                    + "INSERT INTO it_written VALUES (TG_TABLE_NAME, txid_current()); "
                    + "RETURN NULL; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER it_api_key AFTER INSERT ON api_key FOR EACH ROW EXECUTE FUNCTION it_note()");
            s.execute("CREATE TRIGGER it_security_event AFTER INSERT ON security_event FOR EACH ROW EXECUTE FUNCTION it_note()");
            try {
                assertEquals(200, Api.form("POST", a.baseUrl + "/api/v1/api_key",
                        Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES).statusCode());
                List<String> rows = new ArrayList<>();
                try (var r = s.executeQuery("SELECT tbl, tx FROM it_written ORDER BY tbl")) {
                    while (r.next()) {
                        rows.add(r.getString(1) + " tx " + r.getLong(2));
                    }
                }
                assertEquals(2, rows.size(), rows.toString());
                try (var r = s.executeQuery("SELECT count(DISTINCT tx) FROM it_written")) {
                    r.next();
                    assertEquals(1, r.getInt(1), "the key and its event were committed apart: " + rows);
                }
            } finally {
                s.execute("DROP TRIGGER it_api_key ON api_key");
                s.execute("DROP TRIGGER it_security_event ON security_event");
                s.execute("DROP FUNCTION it_note()");
                s.execute("DROP TABLE it_written");
            }
        }
    }

    /** Polls until {@code status} answers {@code expected}; fails after one second, prints how long it took. */
    static void within(java.util.concurrent.Callable<Integer> status, int expected, String what) throws Exception {
        within(status, expected, what, 1000);
    }

    /** Polls until {@code status} answers {@code expected}; fails after {@code limitMs}, prints how long it took. */
    static void within(java.util.concurrent.Callable<Integer> status, int expected, String what, long limitMs) throws Exception {
        long start = System.nanoTime();
        while (true) {
            int now = status.call();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (now == expected) {
                System.out.println("TwoNodesPostgresIT: " + what + ": followed after " + ms + " ms");
                return;
            }
            assertTrue(ms <= limitMs, what + ": node B still answers " + now + " after " + ms + " ms");
        }
    }

    static HttpResponse<String> gemsJson(ServerProcess node, String key) throws Exception {
        return Api.send("GET", node.baseUrl + "/api/v1/gems.json", Api.headers(key, null), null);
    }

    static HttpResponse<String> push(ServerProcess node, String key, byte[] gem) throws Exception {
        Map<String, String> h = new HashMap<>(Api.headers(key, null));
        h.put("Content-Type", "application/octet-stream");
        return Api.send("POST", node.baseUrl + "/api/v1/gems", h, gem);
    }

    static HttpResponse<String> addOwner(ServerProcess node, String key, String gem, String email, String code) throws Exception {
        return Api.form("POST", node.baseUrl + "/api/v1/gems/" + gem + "/owners", Api.headers(key, code), Map.of("email", email));
    }

    static HttpResponse<String> signin(ServerProcess node, String basic, String code) throws Exception {
        return Api.form("POST", node.baseUrl + "/api/v1/api_key", Api.headers(basic, code), Api.ALL_SCOPES);
    }
}
