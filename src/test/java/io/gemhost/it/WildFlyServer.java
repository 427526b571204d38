package io.gemhost.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How {@link ServerProcess} launches WildFly (`mvn verify -Pwildfly`: the distribution unpacked in
 * target/, system property gemhost.wildflyHome) as the README's production launch does: a server
 * base directory configured by server-config/wildfly.cli (jboss-cli.sh, embedded, offline), the
 * built WAR as deployments/ROOT.war (context root `/`), then bin/standalone.sh with the GEMHOST_*
 * environment. The CLI script runs once per test JVM into a template (under a file lock, since it may
 * add the driver module to the shared distribution); each server starts from a copy of its
 * configuration, so a boot costs no more than Payara's.
 */
final class WildFlyServer {

    private WildFlyServer() {
    }

    private static Path template;

    /** The configuration directory wildfly.cli made, made on first use. */
    private static synchronized Path configured() throws IOException {
        if (template != null) {
            return template.resolve("configuration");
        }
        Path home = home();
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "wildfly-template-");
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Path log = Path.of("target", "it-wildfly-cli" + ServerProcess.fork() + ".log").toAbsolutePath();
        ProcessBuilder cli = new ProcessBuilder("bash", home.resolve("bin/jboss-cli.sh").toString(),
                "-Dgemhost.postgresDriver=" + ServerProcess.prop("gemhost.postgresDriver"),
                "--file=" + ServerProcess.prop("gemhost.serverConfig") + "/wildfly.cli")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        cli.environment().put("JAVA", ServerProcess.prop("gemhost.java"));
        cli.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Djboss.server.base.dir=" + base);
        int exit;
        // wildfly.cli adds the driver module to the shared distribution unless it is there: one test JVM at a time
        try (FileChannel lockFile = FileChannel.open(Path.of("target", "wildfly-cli.lock").toAbsolutePath(),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lockFile.lock()) {
            Process p = cli.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("jboss-cli.sh --file=wildfly.cli did not finish in 180 s; see " + log);
            }
            exit = p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (exit != 0) {
            throw new IllegalStateException("jboss-cli.sh --file=wildfly.cli failed:\n" + Files.readString(log));
        }
        template = base;
        return base.resolve("configuration");
    }

    /** A new server base directory for one server: the configured configuration and the WAR. */
    static Path newBase(String name) throws IOException {
        Path configuration = configured();
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "wildfly-" + name + "-");
        copyTree(configuration, base.resolve("configuration"));
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(ServerProcess.prop("gemhost.war")), deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        return base;
    }

    /** bin/standalone.sh on this base directory; HTTP on GEMHOST_PORT, every other port free; the server's name as its transaction node id. */
    static List<String> command(String name, Path base) throws IOException {
        return List.of("bash", home().resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.tx.node.id=" + name.substring(0, Math.min(name.length(), 23)),
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.https.port=" + ServerProcess.freePort(),
                "-Djboss.ajp.port=" + ServerProcess.freePort(),
                "-Djboss.management.http.port=" + ServerProcess.freePort(),
                "-Djboss.management.https.port=" + ServerProcess.freePort());
    }

    /** What standalone.sh reads from the environment: the JVM the other servers run on, and their JIT and heap settings. */
    static void environment(Map<String, String> env) {
        env.put("JAVA", ServerProcess.prop("gemhost.java"));
        env.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx768m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        // standalone.sh runs java in the foreground (its background mode, LAUNCH_JBOSS_IN_BACKGROUND,
        // loops forever on `wait` once java has exited after a TERM); stopping signals java itself
        env.remove("LAUNCH_JBOSS_IN_BACKGROUND");
        env.remove("JAVA_OPTS");
    }

    /** A deployment that failed says so in deployments/ROOT.war.failed. */
    static String failure(Path base) throws IOException {
        Path failed = base.resolve("deployments/ROOT.war.failed");
        return Files.exists(failed) ? Files.readString(failed) : null;
    }

    private static Path home() {
        return Path.of(ServerProcess.prop("gemhost.wildflyHome"));
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
}
