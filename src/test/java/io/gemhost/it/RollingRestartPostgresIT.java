package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart (-Ppostgres only; docs/ARCHITECTURE.md, "Shutdown and drain"): two nodes on
 * one database and one shared GEMHOST_DATA behind a round-robin load balancer that, like HAProxy
 * with {@code retry-on conn-failure 503}, sends a request refused before any work (connection
 * refused, 503) to the other node. Under a steady load of API sign-ins, pushes and owner changes
 * (each with a fresh code), node 0 gets SIGTERM, exits and starts again, then node 1. Every
 * request gets its real answer, every pushed gem has its row and its file, and a stopped node
 * drained: a request in flight when SIGTERM came finished, /health/ready said DOWN at once, a
 * new request got 503 before any work (its code still unused), and the read cache's LISTEN
 * connection was closed.
 */
class RollingRestartPostgresIT {

    static final String DB = System.getProperty("gemhost.itDatabase", "gemhost_it") + "_rolling";
    /** Load: this many clients, each at most this many requests a second (about 20 in all). */
    static final int CLIENTS = 4;
    static final int PER_CLIENT_PER_S = 5;

    /** One account at UI and API with its bound authenticator, its key and its gem. */
    record Client(Users.User user, Authenticator app, String key, String gem) {
    }

    /** One answered (or failed) request of the load. */
    record Outcome(String op, int status, String detail) {
    }

    @Test
    void aRollingRestartUnderLoadLosesNoRequestNoRowAndNoFile() throws Exception {
        ServerProcess.freshPostgresDatabase(DB);
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-rolling-");
        ServerProcess[] nodes = new ServerProcess[2];
        try (RoundRobinProxy proxy = new RoundRobinProxy(2)) {
            Map<String, String> env = new HashMap<>(Gemhost.TEST_ENV);
            env.put("GEMHOST_DB_NAME", DB);
            env.put("GEMHOST_SECRET_KEY", LifecycleIT.secret());
            env.put("GEMHOST_BASE_URL", proxy.url);
            env.put("GEMHOST_DRAIN_S", "20");
            CompletableFuture<ServerProcess> second = CompletableFuture.supplyAsync(() -> boot("rolling-1", data, env));
            try {
                nodes[0] = boot("rolling-0", data, env);
            } finally {
                nodes[1] = second.join();
            }
            try {
                run(proxy, nodes, data, env);
            } finally {
                for (ServerProcess node : nodes) {
                    if (node != null) {
                        node.kill(true); // whatever state a failure left it in
                    }
                }
            }
        }
    }

    private void run(RoundRobinProxy proxy, ServerProcess[] nodes, Path data, Map<String, String> env) throws Exception {
        // accounts are made through node 0 alone: a browser session lives in the node that made it
        proxy.node(0, nodes[0].baseUrl);
        proxy.node(1, nodes[0].baseUrl);
        Outbox.register(proxy.url, data);
        Users.User friend = Users.signUp(new Browser(proxy.url));
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(client(proxy, nodes[0], "roll" + i));
        }
        Client prober = client(proxy, nodes[0], "probe");
        proxy.node(1, nodes[1].baseUrl);

        proxy.checkHealth(Duration.ofMillis(200));
        Load load = new Load(proxy.url, clients, friend);
        load.start();
        try {
            load.awaitCount(40);

            // node 0: a slow push in flight when SIGTERM comes, checks while it drains, then a new node 0
            restartWithChecks(0, proxy, nodes, data, env, prober, load);
            load.awaitCount(load.count() + 60);

            // node 1, the same way, without the probes
            int before = load.count();
            Duration exit = nodes[1].stop();
            System.out.println("RollingRestartPostgresIT: node 1 exited " + exit.toMillis() + " ms after SIGTERM");
            assertDrained(nodes[1]);
            nodes[1] = boot("rolling-1b", data, env);
            proxy.node(1, nodes[1].baseUrl);
            System.out.println("RollingRestartPostgresIT: node 1 restarted, " + (load.count() - before) + " requests answered meanwhile");
            load.awaitCount(load.count() + 60);
        } finally {
            load.stop();
        }

        List<Outcome> failures = load.failures();
        System.out.println("RollingRestartPostgresIT: " + load.count() + " requests in " + load.seconds() + " s, by operation "
                + load.byOp() + "; " + failures.size() + " failed; the proxy retried " + proxy.retried()
                + " on the other node; its health checks took a node out " + proxy.markedDown() + " times; node slots served " + proxy.served(0) + " / " + proxy.served(1));
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " requests failed");
        assertTrue(load.count() >= 200, load.count() + " requests");
        assertStored(nodes[0], data, load, clients, friend);
        // each running node listens on its own connection; the stopped nodes' listeners are gone
        awaitListeners(nodes[0], 2);
    }

    private void restartWithChecks(int index, RoundRobinProxy proxy, ServerProcess[] nodes, Path data, Map<String, String> env,
            Client prober, Load load) throws Exception {
        ServerProcess node = nodes[index];
        // while the slow push is counted in, the load goes to the other node alone (its requests would count too)
        proxy.node(index, nodes[1 - index].baseUrl);
        String gem = prober.gem();
        byte[] slowGem = TestGems.gem(gem, "9.9.9", "ruby", false);
        SlowPush slowPush = new SlowPush(node.baseUrl, prober.key(), prober.app().next(), slowGem);
        // the push is in flight on the node (this scrape is the other request it counts)
        awaitInFlight(node, 2);
        proxy.node(index, node.baseUrl);

        node.terminate();
        long sigterm = System.nanoTime();
        HttpResponse<String> ready = awaitStatus(node.baseUrl + "/health/ready", 503, Duration.ofSeconds(3));
        System.out.println("RollingRestartPostgresIT: /health/ready DOWN " + (System.nanoTime() - sigterm) / 1_000_000 + " ms after SIGTERM: " + ready.body());
        assertTrue(ready.body().contains("\"status\":\"DOWN\""), ready.body());
        assertTrue(ready.body().contains("draining"), ready.body());

        // a new request on the draining node: 503 before any work, so its code is still unused
        String code = prober.app().next();
        HttpResponse<String> refused = Api.form("POST", node.baseUrl + "/api/v1/api_key",
                Api.headers(Api.basic(prober.user().email(), prober.user().password()), code), Api.ALL_SCOPES);
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().map().toString());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), refused.headers().map().toString());

        HttpResponse<String> elsewhere = Api.form("POST", proxy.url + "/api/v1/api_key",
                Api.headers(Api.basic(prober.user().email(), prober.user().password()), code), Api.ALL_SCOPES);
        assertEquals(200, elsewhere.statusCode(), "the code refused by the draining node works on the other: " + elsewhere.body());

        // the push in flight finishes, and only then the node exits
        String pushed = slowPush.finish();
        assertTrue(pushed.startsWith("HTTP/1.1 200"), pushed);
        load.expectFile(gem + "-9.9.9.gem", slowGem);
        Duration exit = node.awaitExit(Duration.ofSeconds(60));
        System.out.println("RollingRestartPostgresIT: node " + index + " exited " + (System.nanoTime() - sigterm) / 1_000_000
                + " ms after SIGTERM (" + exit.toMillis() + " ms after the slow push's body was sent)");
        assertDrained(node);

        int before = load.count();
        nodes[index] = boot("rolling-" + index + "b", data, env);
        proxy.node(index, nodes[index].baseUrl);
        System.out.println("RollingRestartPostgresIT: node " + index + " restarted, " + (load.count() - before) + " requests answered meanwhile");
    }

    /** The stopped node's log tells its drain and the end of its LISTEN connection. */
    private static void assertDrained(ServerProcess node) throws IOException {
        String log = node.logText();
        assertTrue(log.contains("gemhost drain: SIGTERM"), node.tail());
        assertTrue(log.contains("gemhost drain: every request answered"), node.tail());
        assertTrue(log.contains("gemhost read cache: stopped listening on gemhost_cache"), node.tail());
    }

    /** Every 200 push has its row and its file (same bytes); no temporary is left; no file without a row or row without a file; no half-written gem. */
    private static void assertStored(ServerProcess node, Path data, Load load, List<Client> clients, Users.User friend) throws Exception {
        Path gems = data.resolve("gems");
        Set<String> rows = new HashSet<>();
        try (Connection db = node.db(); var s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT file_name FROM gem_version")) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM rubygem g WHERE NOT EXISTS (SELECT 1 FROM gem_version v WHERE v.gem_id = g.id) "
                    + "OR NOT EXISTS (SELECT 1 FROM ownership o WHERE o.gem_id = g.id)")) {
                r.next();
                assertEquals(0, r.getInt(1), "gems without a version or an owner");
            }
            for (Client c : clients) {
                try (PreparedStatement owners = db.prepareStatement("SELECT a.email FROM ownership o JOIN rubygem g ON g.id = o.gem_id "
                        + "JOIN account a ON a.id = o.account_id WHERE g.name = ? ORDER BY a.email")) {
                    owners.setString(1, c.gem());
                    Set<String> found = new HashSet<>();
                    try (ResultSet r = owners.executeQuery()) {
                        while (r.next()) {
                            found.add(r.getString(1));
                        }
                    }
                    Set<String> expected = new HashSet<>(Set.of(c.user().email()));
                    if (load.friendOwns(c.gem())) {
                        expected.add(friend.email());
                    }
                    assertEquals(expected, found, "owners of " + c.gem());
                }
            }
        }
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(gems)) {
            list.forEach(f -> files.add(f.getFileName().toString()));
        }
        assertEquals(Set.of(), files.stream().filter(f -> f.endsWith(".tmp")).collect(java.util.stream.Collectors.toSet()), "temporaries left");
        assertEquals(rows, files, "rows and files in " + gems);
        for (Map.Entry<String, byte[]> pushed : load.pushed().entrySet()) {
            assertTrue(rows.contains(pushed.getKey()), "no row for " + pushed.getKey());
            assertArrayEquals(pushed.getValue(), Files.readAllBytes(gems.resolve(pushed.getKey())), pushed.getKey());
        }
        System.out.println("RollingRestartPostgresIT: " + load.pushed().size() + " pushes answered 200, " + rows.size() + " versions stored, each with its file");
    }

    private static void awaitListeners(ServerProcess node, int expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Connection db = node.db(); PreparedStatement s = db.prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'gemhost read cache' AND datname = ?")) {
                s.setString(1, DB);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) == expected) {
                        return;
                    }
                    assertTrue(System.nanoTime() < deadline, r.getInt(1) + " LISTEN connections, expected " + expected);
                }
            }
            Thread.sleep(100);
        }
    }

    /** Polls the node's /metrics until at least {@code count} requests are in flight on it; fails after 10 s. */
    private static void awaitInFlight(ServerProcess node, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> metrics = Api.send("GET", node.baseUrl + "/metrics", Map.of(), null);
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("gemhost_requests_in_flight ")) {
                    last = line;
                    if (Double.parseDouble(line.substring(line.indexOf(' ') + 1)) >= count) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " requests in flight on " + node.baseUrl + ": " + last);
    }

    private static HttpResponse<String> awaitStatus(String url, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> r;
        do {
            r = Api.send("GET", url, Map.of(), null);
            if (r.statusCode() == status) {
                return r;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(url + " answered " + r.statusCode() + ", not " + status + ", for " + limit.toMillis() + " ms: " + r.body());
    }

    private static ServerProcess boot(String name, Path data, Map<String, String> env) {
        try {
            long start = System.nanoTime();
            ServerProcess node = new ServerProcess(name, data, env);
            System.out.println("RollingRestartPostgresIT: " + name + " ready after " + (System.nanoTime() - start) / 1_000_000 + " ms");
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An account at UI and API made through node 0 (through the proxy, whose slots both point there), with a key. */
    private static Client client(RoundRobinProxy proxy, ServerProcess node0, String prefix) throws Exception {
        Browser browser = new Browser(proxy.url);
        Enrolled e = Mfa.enroll(browser);
        // bound to its account, so it rewinds the account's last step instead of waiting for the clock
        Authenticator app = Authenticator.of(e.app().base32, node0.baseUrl, e.user().email());
        app.next(); // the step the enrollment used
        Page level = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(0)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        HttpResponse<String> key = Api.form("POST", proxy.url + "/api/v1/api_key",
                Api.headers(Api.basic(e.user().email(), e.user().password()), app.next()), Api.ALL_SCOPES);
        assertEquals(200, key.statusCode(), key.body());
        return new Client(e.user(), app, key.body(), prefix + Long.toString(System.nanoTime(), 36));
    }

    /** A push whose request head and first half of the body are sent at once, the rest only in {@link #finish}. */
    static final class SlowPush {
        private final java.net.Socket socket = new java.net.Socket();
        private final byte[] gem;

        SlowPush(String baseUrl, String key, String code, byte[] gem) throws IOException {
            this.gem = gem;
            URI base = URI.create(baseUrl);
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            String head = "POST /api/v1/gems HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: " + key + "\r\nOTP: " + code
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + gem.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(gem, 0, gem.length / 2);
            socket.getOutputStream().flush();
        }

        /** Sends the rest of the body and returns the whole answer (status line, headers, body). */
        String finish() throws IOException {
            try (socket) {
                socket.getOutputStream().write(gem, gem.length / 2, gem.length - gem.length / 2);
                socket.getOutputStream().flush();
                return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }
    }

    /**
     * The steady load: each client in its own thread, one request every 1/PER_CLIENT_PER_S s, in
     * turn a push of a new version, an API sign-in, an owner added and the same owner removed,
     * each with a fresh code of the account's authenticator. Every one must answer 200.
     */
    static final class Load {
        private final String url;
        private final List<Client> clients;
        private final Users.User friend;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicInteger count = new AtomicInteger();
        private final List<Outcome> failures = new CopyOnWriteArrayList<>();
        private final Map<String, AtomicInteger> byOp = new ConcurrentHashMap<>();
        private final Map<String, byte[]> pushed = new ConcurrentHashMap<>();
        private final Map<String, Boolean> friendOwns = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private long started;
        private long stopped;

        Load(String url, List<Client> clients, Users.User friend) {
            this.url = url;
            this.clients = clients;
            this.friend = friend;
        }

        void start() {
            started = System.nanoTime();
            for (Client c : clients) {
                Thread t = new Thread(() -> drive(c), "load-" + c.gem());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(90_000);
            }
            stopped = System.nanoTime();
        }

        int count() {
            return count.get();
        }

        long seconds() {
            return (stopped - started) / 1_000_000_000L;
        }

        List<Outcome> failures() {
            return failures;
        }

        Map<String, AtomicInteger> byOp() {
            return byOp;
        }

        Map<String, byte[]> pushed() {
            return pushed;
        }

        boolean friendOwns(String gem) {
            return friendOwns.getOrDefault(gem, false);
        }

        void expectFile(String fileName, byte[] bytes) {
            pushed.put(fileName, bytes);
        }

        /** Waits until the load has answered {@code n} requests in all; fails after 60 s, or at once if the load has stopped. */
        void awaitCount(int n) throws InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (count.get() < n) {
                assertTrue(System.nanoTime() < deadline, "the load answered only " + count.get() + " of " + n + " requests");
                Thread.sleep(50);
            }
        }

        private void drive(Client c) {
            long every = 1_000_000_000L / PER_CLIENT_PER_S;
            long next = System.nanoTime();
            int version = 0;
            for (int i = 0; running; i++) {
                String op = switch (i % 4) {
                    case 0 -> "push";
                    case 1 -> "sign-in";
                    case 2 -> "owner-add";
                    default -> "owner-remove";
                };
                try {
                    HttpResponse<String> r;
                    byte[] gem = null;
                    String file = null;
                    switch (op) {
                        case "push" -> {
                            version++;
                            gem = TestGems.gem(c.gem(), "1.0." + version, "ruby", false);
                            file = c.gem() + "-1.0." + version + ".gem";
                            Map<String, String> h = new HashMap<>(Api.headers(c.key(), c.app().next()));
                            h.put("Content-Type", "application/octet-stream");
                            r = Api.send("POST", url + "/api/v1/gems", h, gem);
                        }
                        case "sign-in" -> r = Api.form("POST", url + "/api/v1/api_key",
                                Api.headers(Api.basic(c.user().email(), c.user().password()), c.app().next()), Api.ALL_SCOPES);
                        case "owner-add" -> r = Api.form("POST", url + "/api/v1/gems/" + c.gem() + "/owners",
                                Api.headers(c.key(), c.app().next()), Map.of("email", friend.email()));
                        default -> r = Api.form("DELETE", url + "/api/v1/gems/" + c.gem() + "/owners",
                                Api.headers(c.key(), c.app().next()), Map.of("email", friend.email()));
                    }
                    if (r.statusCode() == 200) {
                        if (file != null) {
                            pushed.put(file, gem);
                        }
                        if (op.startsWith("owner")) {
                            friendOwns.put(c.gem(), op.equals("owner-add"));
                        }
                    } else {
                        failures.add(new Outcome(op, r.statusCode(), r.body().length() > 200 ? r.body().substring(0, 200) : r.body()));
                    }
                } catch (Exception e) {
                    failures.add(new Outcome(op, -1, e.toString()));
                }
                count.incrementAndGet();
                byOp.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
                next += every;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    next = System.nanoTime(); // behind: no burst to catch up
                }
            }
        }
    }
}
