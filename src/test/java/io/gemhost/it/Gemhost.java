package io.gemhost.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one server all black-box tests of a run share (boot as few times as possible).
 * Started by the first test class that needs it, stopped when the test JVM's run ends. Each
 * test makes its own accounts, so classes run in any order.
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
}
