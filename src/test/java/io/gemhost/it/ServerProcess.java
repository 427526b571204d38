package io.gemhost.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server running the built WAR, as the README's launch lines start it, on a free port with its
 * own GEMHOST_DATA: Payara Micro (as `mvn -Prun package` would), or WildFly when the profile sets
 * gemhost.server=wildfly (-Pwildfly; {@link WildFlyServer}). Which database (h2 or postgres) comes
 * from the Maven profile too.
 */
public final class ServerProcess implements AutoCloseable {

    /** "-forkN" for the Nth test JVM of a run (pom: several run IT classes side by side), for file names. */
    static String fork() {
        String fork = System.getProperty("gemhost.fork", "");
        return fork.isEmpty() ? "" : "-" + fork;
    }

    public static String prop(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the integration tests with mvn verify");
        }
        return value;
    }

    /**
     * Each test server's GEMHOST_DB_POOL_MAX: two test JVMs with up to four servers each (the shared
     * one, the proxied one, two nodes) stay within PostgreSQL's default of 100 connections.
     */
    static final int POOL_MAX = 8;

    /** Whether the servers of this run are WildFly (-Pwildfly) rather than Payara Micro. */
    public static boolean wildfly() {
        return "wildfly".equals(System.getProperty("gemhost.server", "payara"));
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("gemhost.db", "h2"));
    }

    /** The servers of this run by base URL, so helpers given only a page can reach its database. */
    private static final Map<String, ServerProcess> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    /** The server of this run at this base URL, if it is one. */
    public static java.util.Optional<ServerProcess> at(String baseUrl) {
        return java.util.Optional.ofNullable(RUNNING.get(baseUrl));
    }

    private final String name;
    private final Process process;
    private final Path log;
    public final int port;
    public final Path dataDir;
    public final String baseUrl;
    private final Map<String, String> env;
    /** WildFly's server base directory; null on Payara. */
    private final Path wildflyBase;

    public ServerProcess(String name, Path dataDir, Map<String, String> extraEnv) throws IOException {
        this(name, dataDir, extraEnv, true);
    }

    /** With {@code awaitReady} false, returns as soon as the process runs (for a start that must fail). */
    public ServerProcess(String name, Path dataDir, Map<String, String> extraEnv, boolean awaitReady) throws IOException {
        this.name = name;
        this.dataDir = dataDir;
        this.port = freePort();
        this.baseUrl = "http://localhost:" + port; // a host name: WebAuthn takes no IP address as the relying party
        Files.createDirectories(dataDir);
        this.log = Path.of("target", "it-" + name + fork() + ".log").toAbsolutePath();
        List<String> cmd;
        if (wildfly()) {
            wildflyBase = WildFlyServer.newBase(name);
            cmd = WildFlyServer.command(name, wildflyBase);
        } else {
            wildflyBase = null;
            String config = prop("gemhost.serverConfig");
            cmd = new ArrayList<>(List.of(prop("gemhost.java"), "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", prop("gemhost.micro"),
                    "--nocluster", "--contextroot", "/", "--addlibs", prop("gemhost.postgresDriver"),
                    "--prebootcommandfile", config + "/preboot.asadmin",
                    "--postbootcommandfile", config + "/" + (postgres() ? "postgres" : "h2") + ".asadmin",
                    "--deploy", prop("gemhost.war")));
        }
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        env = new HashMap<>();
        env.put("GEMHOST_PORT", Integer.toString(port));
        env.put("GEMHOST_DATA", dataDir.toString());
        env.put("GEMHOST_PBKDF2_ITERATIONS", "1024");
        env.put("GEMHOST_DB", postgres() ? "postgres" : "h2");
        env.put("GEMHOST_DB_USER", "postgres");
        // several servers of one run share one PostgreSQL (100 connections by default)
        env.put("GEMHOST_DB_POOL_MAX", Integer.toString(POOL_MAX));
        env.put("GEMHOST_BASE_URL", baseUrl);
        // breached passwords: this JVM's stand-in for the range service, never the real one
        env.put("GEMHOST_PWNED_PASSWORDS_URL", RangeStub.shared().url);
        env.putAll(extraEnv);
        builder.environment().putAll(env);
        if (wildfly()) {
            WildFlyServer.environment(builder.environment());
        }
        process = builder.start();
        Outbox.register(baseUrl, dataDir);
        RUNNING.put(baseUrl, this);
        if (awaitReady) {
            awaitReady();
        }
    }

    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + 240_000;
        String last = "no answer yet";
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server " + name + " exited; see " + log + "\n" + tail());
            }
            String failed = wildflyBase == null ? null : WildFlyServer.failure(wildflyBase);
            if (failed != null) {
                close();
                throw new IllegalStateException("server " + name + " did not deploy the WAR: " + failed + "\nsee " + log + "\n" + tail());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sign_in"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "status " + r.statusCode();
            } catch (IOException notYet) {
                last = notYet.toString(); // still booting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        threadDump();
        close();
        throw new IllegalStateException("server " + name + " not ready after 240 s (" + baseUrl + "/sign_in: " + last + "); see " + log + "\n" + tail());
    }

    /** Writes the server's threads (jstack) next to its log, to see what a server that does not answer waits for. */
    private void threadDump() {
        Path dump = log.resolveSibling(log.getFileName().toString().replace(".log", ".threads.txt"));
        try {
            new ProcessBuilder(Path.of(prop("gemhost.java")).resolveSibling("jstack").toString(), Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // no dump: the log has to do
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    /** A direct connection to the server's database, for reading what is stored. */
    public Connection db() throws SQLException {
        if (postgres()) {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + env.getOrDefault("GEMHOST_DB_NAME", "gemhost"), "postgres", "");
        }
        return DriverManager.getConnection("jdbc:h2:" + dataDir + "/db/gemhost;AUTO_SERVER=TRUE", "", "");
    }

    /**
     * This server is also reached at {@code url} (a load balancer in front of it and its peers,
     * which share its database and GEMHOST_DATA): helpers given a page of that address find this
     * server's database and mail.
     */
    public void alsoAt(String url) {
        RUNNING.put(url, this);
        Outbox.register(url, dataDir);
    }

    /**
     * Ends the server's JVM at once, as a crash would (kill -9 when forcibly is true); WildFly's is
     * the child of bin/standalone.sh, which then ends by itself.
     */
    public void kill(boolean forcibly) {
        RUNNING.remove(baseUrl, this);
        List<ProcessHandle> jvms = wildflyBase == null ? List.of() : process.descendants().toList();
        for (ProcessHandle p : jvms.isEmpty() ? List.of(process.toHandle()) : jvms) {
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends SIGTERM, as an operator's rolling restart does, and returns at once (the node drains: docs/ARCHITECTURE.md). */
    public void terminate() {
        RUNNING.remove(baseUrl, this);
        process.destroy();
    }

    /** Waits for the process to exit; fails after {@code limit}. Returns how long it took. */
    public Duration awaitExit(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("server " + name + " still runs " + limit.toSeconds() + " s after SIGTERM; see " + log + "\n" + tail());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** SIGTERM, then waits (up to a minute) until the process has exited. */
    public Duration stop() throws InterruptedException {
        terminate();
        return awaitExit(Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        kill(false);
    }

    /**
     * Stops this server when the test JVM ends, for a server several test classes share: a JVM that
     * runs several classes (pom: forks) runs each in a launch of its own, so no class's end is the run's.
     */
    ServerProcess stopAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        return this;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Drops and creates a PostgreSQL database for a test run. */
    public static void freshPostgresDatabase(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        }
    }
}
