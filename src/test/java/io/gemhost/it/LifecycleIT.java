package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What happens across starts of the server, on servers of this class's own (H2, or a
 * fresh PostgreSQL database under -Ppostgres): production mode refusing to start, rotation of
 * the secret key, the repair of gem files a crash left behind, and a server behind a trusted proxy.
 *
 * <p>Each boot costs 20-40 s, so the class boots as few as it can: the production server, which
 * must refuse to start, is launched before the tests and boots while the restart test runs (it is
 * ordered last only so that its wait overlaps the other test, not for correctness); and one chain
 * of three restarts on one data directory proves rotation and repair together (the second start
 * both re-seals the keys and repairs the leftovers, behind a trusted proxy; the third signs in with
 * the re-sealed key). That is four boots where separate scenarios took six.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {

    /** Started (not awaited) before the tests: production mode without its settings. */
    private static ServerProcess production;

    @BeforeAll
    static void launchProduction() throws Exception {
        production = new ServerProcess("production", data("production"),
                env(freshDb("_prod"), "GEMHOST_MODE", "production"), false);
    }

    @AfterAll
    static void stopProduction() {
        if (production != null) {
            production.close();
        }
    }

    static Path data(String name) throws Exception {
        return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-" + name + "-");
    }

    static Map<String, String> env(String db, String... pairs) throws Exception {
        Map<String, String> env = new HashMap<>(Gemhost.TEST_ENV);
        if (ServerProcess.postgres()) {
            env.put("GEMHOST_DB_NAME", db);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** This run's database with this suffix (-Dgemhost.itDatabase: one per work tree), fresh on PostgreSQL. */
    static String freshDb(String suffix) throws Exception {
        String db = System.getProperty("gemhost.itDatabase", "gemhost_it") + suffix;
        if (ServerProcess.postgres()) {
            ServerProcess.freshPostgresDatabase(db);
        }
        return db;
    }

    static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static String sealedKey(ServerProcess server, String email) throws Exception {
        try (Connection db = server.db(); var s = db.prepareStatement(
                "SELECT k.sealed_key FROM totp_key k JOIN account a ON a.id = k.account_id WHERE a.email = ?")) {
            s.setString(1, email);
            ResultSet r = s.executeQuery();
            assertTrue(r.next(), "no stored key for " + email);
            return r.getString(1);
        }
    }

    @Test
    @Order(2)
    void productionModeRefusesToStartWithoutSecretKeyAndSmtp() throws Exception {
        ServerProcess server = production;
        long deadline = System.currentTimeMillis() + 180_000;
        String log = "";
        while (System.currentTimeMillis() < deadline && !log.contains("gemhost refuses to start")) {
            Thread.sleep(500);
            log = server.logText();
        }
        assertTrue(log.contains("gemhost refuses to start: GEMHOST_MODE=production needs GEMHOST_SECRET_KEY"), server.tail());
        assertTrue(log.contains("GEMHOST_SMTP_HOST"), server.tail());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/sign_in")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException notListening) {
            status = -1;
        }
        assertNotEquals(200, status, "gemhost must not serve in production mode without its settings");
    }

    @Test
    @Order(1)
    void restartsReSealKeysWithTheNewSecretRepairACrashsLeftoversAndTrustTheProxy() throws Exception {
        String db = freshDb("_rotate");
        Path data = data("rotate");
        Path gems = data.resolve("gems");
        String oldKey = secret();
        String newKey = secret();
        String name = "repair" + Long.toString(System.nanoTime(), 36);
        Enrolled e;
        String before;
        Users.User pusher;
        try (ServerProcess first = new ServerProcess("rotate-1", data, env(db, "GEMHOST_SECRET_KEY", oldKey))) {
            e = Mfa.enroll(new Browser(first.baseUrl));
            before = sealedKey(first, e.user().email());

            pusher = Users.signUp(new Browser(first.baseUrl));
            HttpResponse<String> key = Api.form("POST", first.baseUrl + "/api/v1/api_key",
                    Api.headers(Api.basic(pusher.email(), pusher.password()), null), Api.ALL_SCOPES);
            assertEquals(200, key.statusCode(), key.body());
            Map<String, String> headers = new HashMap<>(Api.headers(key.body(), null));
            headers.put("Content-Type", "application/octet-stream");
            HttpResponse<String> pushed = Api.send("POST", first.baseUrl + "/api/v1/gems", headers,
                    TestGems.gem(name, "1.0.0", "ruby", false));
            assertEquals(200, pushed.statusCode(), pushed.body());
            // a clean stop: the embedded H2 writes commits to disk up to a second late, so a SIGKILL
            // could lose the push itself; the crash's leftovers are made below, and CrashPostgresIT
            // kills the server for real on PostgreSQL
        }
        // what a crash leaves: a committed version still under its temporary name, a file whose
        // row a yank removed, and an old temporary file of a push that never committed
        Path committed = gems.resolve(name + "-1.0.0.gem");
        Path unmoved = gems.resolve("." + name + "-1.0.0.gem." + UUID.randomUUID() + ".tmp");
        Files.move(committed, unmoved);
        Path yanked = gems.resolve(name + "-0.9.0.gem");
        Files.write(yanked, new byte[] {1});
        // old enough not to be another node's push that committed after this node looked (docs/ARCHITECTURE.md)
        Files.setLastModifiedTime(yanked, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path abandoned = gems.resolve("." + name + "-2.0.0.gem." + UUID.randomUUID() + ".tmp");
        Files.write(abandoned, new byte[] {2});
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path inProgress = gems.resolve("." + name + "-3.0.0.gem." + UUID.randomUUID() + ".tmp");
        Files.write(inProgress, new byte[] {3});

        try (ServerProcess second = new ServerProcess("rotate-2", data, env(db, "GEMHOST_SECRET_KEY", newKey,
                "GEMHOST_SECRET_KEY_PREVIOUS", oldKey, "GEMHOST_TRUST_PROXY", "true"))) {
            // the stored key is re-sealed under the new secret
            assertTrue(second.logText().contains("re-sealed 1 authenticator keys"), second.tail());
            assertNotEquals(before, sealedKey(second, e.user().email()));

            // the crash's leftovers are repaired
            assertTrue(Files.exists(committed), "the committed version's file is moved into place");
            assertTrue(Files.notExists(unmoved));
            assertTrue(Files.notExists(yanked), "an old file without its row is removed");
            assertTrue(Files.notExists(abandoned), "an old temporary file is removed");
            assertTrue(Files.exists(inProgress), "a fresh temporary file may belong to a push in progress on another node");

            // behind a trusted proxy (which speaks HTTPS to browsers) the session cookie is Secure
            Page signUp = new Browser(second.baseUrl).get("/sign_up");
            String cookie = signUp.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Browser.SESSION_COOKIE + "=")).findFirst().orElse("");
            assertTrue(cookie.startsWith(Browser.SESSION_COOKIE) && Browser.hasAttribute(cookie, "Secure"), cookie);
            // and every response tells browsers to use HTTPS only, for a year
            assertEquals("max-age=31536000; includeSubDomains", signUp.headers().firstValue("Strict-Transport-Security").orElse(""));
            // the client address is the one the trusted proxy appended, not what the client wrote first
            // (an account made before: over plain HTTP the Secure session cookie does not come back,
            // so a sign-up through this server's forms cannot finish)
            Map<String, String> forged = new HashMap<>(Api.headers(Api.basic(pusher.email(), "not the password"), null));
            forged.put("X-Forwarded-For", "203.0.113.66, 198.51.100.7");
            assertEquals(401, Api.form("POST", second.baseUrl + "/api/v1/api_key", forged, Api.ALL_SCOPES).statusCode());
            try (var c = second.db(); var q = c.prepareStatement("SELECT e.ip FROM security_event e JOIN account a ON a.id = e.account_id "
                    + "WHERE a.email = ? AND e.kind = 'SIGN_IN_FAILED'")) {
                q.setString(1, pusher.email());
                var rs = q.executeQuery();
                assertTrue(rs.next(), "the failed sign-in is logged");
                assertEquals("198.51.100.7", rs.getString(1), "the address a client wrote into X-Forwarded-For was logged");
            }
        }
        try (ServerProcess after = new ServerProcess("rotate-3", data, env(db, "GEMHOST_SECRET_KEY", newKey))) {
            // the re-sealed key opens under the new secret alone
            Browser browser = new Browser(after.baseUrl);
            Page otp = Mfa.password(browser, e.user());
            Page signedIn = Mfa.otp(browser, otp, e.app().next());
            assertNotEquals("/sign_in/otp", signedIn.path(), signedIn.text());
            assertTrue(signedIn.text().contains(e.user().handle()), signedIn.text());
            assertTrue(Files.exists(committed), "the repaired file stays");
        }
    }
}
