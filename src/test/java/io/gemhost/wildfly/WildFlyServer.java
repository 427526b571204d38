package io.gemhost.wildfly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly (unpacked by `mvn verify -Pwildfly` into target/, system property gemhost.wildflyHome)
 * running the built WAR unchanged: a copy named ROOT.war, so its context root is `/`. Each start
 * gets a fresh server base directory (a copy of standalone/configuration), free ports, and its
 * own GEMHOST_DATA; the database is WildFly's ExampleDS (H2 in memory), its
 * java:comp/DefaultDataSource. Stopped by {@link #close()} or, failing that, when the test JVM exits.
 */
public final class WildFlyServer implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path deployments;
    private final Thread shutdownHook;
    public final String baseUrl;

    public WildFlyServer(Map<String, String> env) throws IOException {
        Path home = Path.of(prop("gemhost.wildflyHome"));
        Path target = Path.of("target").toAbsolutePath();
        Path base = Files.createTempDirectory(target, "wildfly-base-");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        deployments = Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(prop("gemhost.war")), deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        Path data = Files.createTempDirectory(target, "wildfly-data-");
        log = target.resolve("it-wildfly.log");

        int http = freePort();
        baseUrl = "http://localhost:" + http; // a host name: WebAuthn takes no IP address as the relying party
        List<String> cmd = new ArrayList<>(List.of("bash", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.http.port=" + http,
                "-Djboss.https.port=" + freePort(),
                "-Djboss.ajp.port=" + freePort(),
                "-Djboss.management.http.port=" + freePort(),
                "-Djboss.management.https.port=" + freePort()));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA", prop("gemhost.java"));
        // standalone.sh runs java in the foreground (its background mode, LAUNCH_JBOSS_IN_BACKGROUND,
        // loops forever on `wait` once java has exited after a TERM); stop() signals java itself
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        builder.environment().put("GEMHOST_DATA", data.toString());
        builder.environment().put("GEMHOST_PBKDF2_ITERATIONS", "1024");
        builder.environment().put("GEMHOST_BASE_URL", baseUrl);
        builder.environment().put("GEMHOST_PWNED_PASSWORDS_URL", ""); // no outbound call: the shipped list answers
        builder.environment().putAll(env);
        process = builder.start();
        io.gemhost.it.Outbox.register(baseUrl, data);
        shutdownHook = new Thread(this::stop, "wildfly-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady();
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited; see " + log + "\n" + tail());
            }
            Path failed = deployments.resolve("ROOT.war.failed");
            if (Files.exists(failed)) {
                throw new IllegalStateException("WildFly did not deploy ROOT.war: " + Files.readString(failed) + "\nsee " + log + "\n" + tail());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sign_in"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("WildFly not ready after 300 s; see " + log + "\n" + tail());
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down
        }
    }

    /** TERM to WildFly's java (a clean shutdown), after which standalone.sh ends by itself; KILL what is left after 60 s. */
    private void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        if (children.isEmpty()) {
            process.destroy();
        }
        long deadline = System.currentTimeMillis() + 60_000;
        for (ProcessHandle p : Stream.concat(children.stream(), Stream.of(process.toHandle())).toList()) {
            try {
                p.onExit().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
    }

    private static String prop(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run this test with mvn verify -Pwildfly");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                try {
                    Path dest = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
