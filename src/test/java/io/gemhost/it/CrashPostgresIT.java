package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Mfa.Enrolled;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * -Ppostgres only: the server is killed with SIGKILL, again and again, while
 * clients enroll, sign in and push. After every restart the data is consistent.
 */
class CrashPostgresIT {

    static final String DB = System.getProperty("gemhost.itDatabase", "gemhost_it") + "_crash_loop";
    static final int CRASHES = 2;

    @Test
    void killedServersLeaveConsistentData() throws Exception {
        ServerProcess.freshPostgresDatabase(DB);
        Map<String, String> env = new HashMap<>(Gemhost.TEST_ENV);
        env.put("GEMHOST_DB_NAME", DB);
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-crash-");
        AtomicInteger pushes = new AtomicInteger();
        AtomicInteger enrolled = new AtomicInteger();
        for (int round = 0; round < CRASHES; round++) {
            ServerProcess server = new ServerProcess("crash-" + round, data, env);
            assertConsistent(server, data);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                Thread client = new Thread(() -> work(server, running, pushes, enrolled), "crash-client-" + c);
                client.start();
                clients.add(client);
            }
            // kill after a random amount of finished work rather than after a fixed wait: the other
            // clients are mid-request at some arbitrary point, and no round sleeps. Even rounds count
            // enrollments, odd rounds pushes, so that kills land in both kinds of work.
            AtomicInteger counted = round % 2 == 0 ? enrolled : pushes;
            int work = ThreadLocalRandom.current().nextInt(1, 4);
            int before = counted.get();
            long deadline = System.currentTimeMillis() + 120_000;
            while (counted.get() - before < work && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            server.kill(true); // SIGKILL: no shutdown hooks, no clean close
            running.set(false);
            for (Thread client : clients) {
                client.join(60_000);
            }
        }
        try (ServerProcess last = new ServerProcess("crash-final", data, env)) {
            assertConsistent(last, data);
        }
        System.out.println("CrashPostgresIT: " + CRASHES + " kills, " + enrolled.get() + " enrollments, " + pushes.get() + " pushes");
        assertTrue(enrolled.get() > 0 && pushes.get() > 0, "the clients did some work between the kills");
    }

    /** Enrolls, signs in with the code, makes a key and pushes gems until the server dies. */
    private static void work(ServerProcess server, AtomicBoolean running, AtomicInteger pushes, AtomicInteger enrolled) {
        try {
            while (running.get()) {
                Browser browser = new Browser(server.baseUrl);
                Enrolled e = Mfa.enroll(browser);
                enrolled.incrementAndGet();
                Browser again = new Browser(server.baseUrl);
                Mfa.otp(again, Mfa.password(again, e.user()), e.recoveryCodes().get(0));
                HttpResponse<String> key = Api.form("POST", server.baseUrl + "/api/v1/api_key",
                        Api.headers(Api.basic(e.user().email(), e.user().password()), null), Api.ALL_SCOPES);
                String gem = "crash" + Long.toString(System.nanoTime(), 36);
                for (int v = 0; v < 5 && running.get(); v++) {
                    Map<String, String> headers = new LinkedHashMap<>(Api.headers(key.body(), null));
                    headers.put("Content-Type", "application/octet-stream");
                    if (Api.send("POST", server.baseUrl + "/api/v1/gems", headers, TestGems.gem(gem, "1.0." + v, "ruby", false)).statusCode() == 200) {
                        pushes.incrementAndGet();
                    }
                }
            }
        } catch (Exception | AssertionError serverDied) {
            // the kill cuts requests off mid-way; what reached the database is checked after the restart
        }
    }

    /** MFA on has its key and codes, MFA off has neither; every gem file has its row and every row its file. */
    private static void assertConsistent(ServerProcess server, Path data) throws Exception {
        try (Connection db = server.db(); var s = db.createStatement()) {
            ResultSet bad = s.executeQuery("SELECT a.email, a.mfa_level,"
                    + " (SELECT COUNT(*) FROM totp_key k WHERE k.account_id = a.id),"
                    + " (SELECT COUNT(*) FROM recovery_code r WHERE r.account_id = a.id) FROM account a");
            while (bad.next()) {
                boolean on = !bad.getString(2).equals("disabled");
                String what = bad.getString(1) + " at " + bad.getString(2) + " with " + bad.getLong(3) + " keys and " + bad.getLong(4) + " codes";
                if (on) {
                    assertEquals(1, bad.getLong(3), what);
                    assertEquals(10, bad.getLong(4), what);
                } else {
                    assertEquals(0, bad.getLong(3) + bad.getLong(4), what);
                }
            }
            Set<String> rows = new HashSet<>();
            ResultSet versions = s.executeQuery("SELECT file_name FROM gem_version");
            while (versions.next()) {
                rows.add(versions.getString(1));
            }
            Set<String> files = new HashSet<>();
            Path gems = data.resolve("gems");
            if (Files.isDirectory(gems)) {
                try (Stream<Path> list = Files.list(gems)) {
                    list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gem")).forEach(files::add);
                }
            }
            assertEquals(rows, files, "gem rows and gem files");
        }
    }
}
