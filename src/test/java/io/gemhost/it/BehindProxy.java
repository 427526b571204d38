package io.gemhost.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A second shared server of the run, behind a trusted proxy (GEMHOST_TRUST_PROXY=true): the tests
 * play the HTTPS proxy and tell it each client's address in X-Forwarded-For (Browser.from), so
 * one test machine can be many clients at many addresses. Started by the first class that needs
 * it, stopped when the run ends.
 */
public final class BehindProxy implements BeforeAllCallback {

    /** This server's GEMHOST_METRICS_TOKEN. */
    static final String METRICS_TOKEN = "proxied-metrics-token-0123456789abcdef";

    private static ServerProcess server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server();
    }

    public static synchronized ServerProcess server() throws Exception {
        if (server == null) {
            Map<String, String> env = new HashMap<>();
            env.put("GEMHOST_TRUST_PROXY", "true");
            env.put("GEMHOST_METRICS_TOKEN", METRICS_TOKEN);
            if (ServerProcess.postgres()) {
                String database = System.getProperty("gemhost.itDatabase", "gemhost_it") + "_proxied";
                ServerProcess.freshPostgresDatabase(database);
                env.put("GEMHOST_DB_NAME", database);
            }
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-proxied-");
            server = new ServerProcess("proxied", data, env).stopAtExit();
        }
        return server;
    }

    /** A browser of this server at this client address. */
    public static Browser browser(String address) throws Exception {
        return new Browser(server().baseUrl).from(address);
    }
}
