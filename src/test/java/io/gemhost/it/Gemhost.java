package io.gemhost.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one server all black-box tests of a run share (boot as few times as possible), and a second
 * one behind a trusted proxy ({@link BehindProxy}). Each is started by the first test class that
 * needs it, stopped when the test JVM's run ends. Each test makes its own accounts, so classes run
 * in any order.
 */
public final class Gemhost implements BeforeAllCallback {

    /** Short settings so tests need not sleep; the pending key lifetime stays at the default. */
    static final Map<String, String> TEST_ENV = Map.of(
            "GEMHOST_API_CODE_WINDOW_S", "60",
            "GEMHOST_MAX_GEM_MB", "1",
            "GEMHOST_ISSUER", "gemhost.test",
            "GEMHOST_ADMIN_EMAILS", AdminIT.OPERATOR + "," + BypassIT.SECOND_OPERATOR + "," + BypassIT.UNCLAIMED_OPERATOR
                    + "," + LayoutBrowserIT.OPERATOR);

    private static ServerProcess server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server();
    }

    public static synchronized ServerProcess server() throws Exception {
        if (server == null) {
            Map<String, String> env = new HashMap<>(TEST_ENV);
            // trusted publishing against this JVM's own issuers; any unknown kid is looked up at once (not once a minute)
            env.put("GEMHOST_OIDC_PROVIDERS", OidcIssuer.shared().providers());
            env.put("GEMHOST_OIDC_KEY_REFETCH_S", "0");
            // leaked-key reports signed by this JVM's own secret scanner
            env.put("GEMHOST_SECRET_SCANNING_KEYS_URL", SecretScanner.shared().url);
            if (ServerProcess.postgres()) {
                // -Dgemhost.itDatabase=NAME lets runs of several work trees share one PostgreSQL
                String database = System.getProperty("gemhost.itDatabase", "gemhost_it");
                ServerProcess.freshPostgresDatabase(database);
                env.put("GEMHOST_DB_NAME", database);
            }
            Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-data-");
            server = new ServerProcess("main", data, env).stopAtExit();
        }
        return server;
    }

    public static String url() {
        try {
            return server().baseUrl;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A second shared server of the run, behind a trusted proxy (GEMHOST_TRUST_PROXY=true): the tests
     * play the HTTPS proxy and tell it each client's address in X-Forwarded-For (Browser.from), so
     * one test machine can be many clients at many addresses. Started by the first class that needs
     * it, stopped when the run ends.
     */
    public static final class BehindProxy implements BeforeAllCallback {

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
}
