package io.gemhost.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The GEMHOST_* settings of the README, read from the environment (a system property of the
 * same name wins, which tests and operators on servers without env access can use). Values
 * are read on each call: they are cheap, and tests may run several servers with other values.
 * It also produces the clock that services inject.
 */
@ApplicationScoped
public class Settings {

    /** The one clock every service reads time from (UTC); tests of pure logic pass their own. */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }

    public static String read(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /**
     * A setting as server-config/*.asadmin reads it ({@code ${ENV=NAME:default}}): the environment
     * only, verbatim. For what must equal the connection pool's configuration (its password).
     */
    public static String fromEnvironment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    static int readInt(String name, int fallback, int min, int max) {
        String raw = read(name, null);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new IllegalStateException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a number, got '" + raw + "'");
        }
    }

    /** In production mode, the settings that must be given and are not (null when all are there). */
    static String missingForProduction() {
        if (!"production".equalsIgnoreCase(read("GEMHOST_MODE", "development"))) {
            return null;
        }
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (read("GEMHOST_SECRET_KEY", null) == null) {
            missing.add("GEMHOST_SECRET_KEY (base64 of 32 random bytes, e.g. openssl rand -base64 32)");
        }
        if (read("GEMHOST_BASE_URL", null) == null) {
            missing.add("GEMHOST_BASE_URL (the https:// address users reach, for links in mails)");
        }
        if (read("GEMHOST_SMTP_HOST", null) == null) {
            missing.add("GEMHOST_SMTP_HOST (with GEMHOST_SMTP_PORT and GEMHOST_MAIL_FROM) to send security notices");
        }
        return missing.isEmpty() ? null : String.join(" and ", missing);
    }

    public Path dataDir() {
        return Path.of(read("GEMHOST_DATA", "./data")).toAbsolutePath().normalize();
    }

    public boolean production() {
        return "production".equalsIgnoreCase(read("GEMHOST_MODE", "development"));
    }

    public int pbkdf2Iterations() {
        return readInt("GEMHOST_PBKDF2_ITERATIONS", 600_000, 1024, 100_000_000);
    }

    public Optional<String> issuer() {
        return Optional.ofNullable(read("GEMHOST_ISSUER", null));
    }

    /** How long a registration's pending key (QR code) stays valid. */
    public Duration pendingTotpLifetime() {
        return Duration.ofSeconds(readInt("GEMHOST_PENDING_TOTP_S", 30 * 60, 1, 24 * 3600));
    }

    /** The gem client's code window (docs/API.md). */
    public Duration apiCodeWindow() {
        return Duration.ofSeconds(readInt("GEMHOST_API_CODE_WINDOW_S", 60, 1, 600));
    }

    /** The address mailed links point at: GEMHOST_BASE_URL, never the request's Host header (which a client chooses). */
    public String baseUrl() {
        String configured = read("GEMHOST_BASE_URL", null);
        String base = configured != null ? configured : "http://localhost:" + read("GEMHOST_PORT", "8080");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public Optional<String> smtpHost() {
        return Optional.ofNullable(read("GEMHOST_SMTP_HOST", null));
    }

    public int smtpPort() {
        return readInt("GEMHOST_SMTP_PORT", 25, 1, 65535);
    }

    public String mailFrom() {
        return read("GEMHOST_MAIL_FROM", "gemhost@localhost");
    }

    /** Behind a trusted HTTPS proxy: its X-Forwarded-For entry is the client, and browsers speak HTTPS to it. */
    public static boolean trustProxy() {
        return Boolean.parseBoolean(read("GEMHOST_TRUST_PROXY", "false"));
    }

    /** GEMHOST_METRICS_TOKEN: the bearer token that opens /metrics to other than loopback; empty: loopback only. */
    public static String metricsToken() {
        return read("GEMHOST_METRICS_TOKEN", "");
    }

    /** GEMHOST_NEW_DEVICE_CHECK: hold a browser sign-in from an unknown device until the mailed link is followed. */
    public boolean newDeviceCheck() {
        String value = read("GEMHOST_NEW_DEVICE_CHECK", "true").toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException("GEMHOST_NEW_DEVICE_CHECK must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    /** Entries per read cache of a node (API key callers, gem lists); 0 turns the caches off. */
    /** GEMHOST_DRAIN_S: how long a node that got SIGTERM waits for the requests in flight (docs/ARCHITECTURE.md, "Shutdown and drain"). */
    public int drainSeconds() {
        return readInt("GEMHOST_DRAIN_S", 20, 0, 3600);
    }

    public int cacheEntries() {
        return readInt("GEMHOST_CACHE_ENTRIES", 10_000, 0, 1_000_000);
    }

    static final String DEFAULT_PWNED_PASSWORDS_URL = "https://api.pwnedpasswords.com/range/";

    /**
     * GEMHOST_PWNED_PASSWORDS_URL, the range API of breached passwords, ending where the five hex
     * digits go; empty when the setting is given but empty (the range service is off). Unlike the
     * other settings, an empty value is not the default.
     */
    public Optional<String> pwnedPasswordsUrl() {
        String name = "GEMHOST_PWNED_PASSWORDS_URL";
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        value = value == null ? DEFAULT_PWNED_PASSWORDS_URL : value.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value.endsWith("/") ? value : value + "/");
    }

    public int maxGemMegabytes() {
        return readInt("GEMHOST_MAX_GEM_MB", 100, 1, 4096);
    }

    static final String DEFAULT_OIDC_PROVIDERS = "github=https://token.actions.githubusercontent.com,gitlab=https://gitlab.com";

    /**
     * GEMHOST_OIDC_PROVIDERS as issuer URL to kind ("github" or "gitlab"), in the order given. An
     * {@code http://} issuer is refused in production mode (tests run their own issuer on loopback).
     */
    public Map<String, String> oidcProviders() {
        return parseOidcProviders(read("GEMHOST_OIDC_PROVIDERS", DEFAULT_OIDC_PROVIDERS), production());
    }

    static Map<String, String> parseOidcProviders(String value, boolean production) {
        Map<String, String> providers = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String kind = eq < 0 ? "" : item.substring(0, eq).trim();
            String issuer = eq < 0 ? "" : item.substring(eq + 1).trim();
            if (!kind.equals("github") && !kind.equals("gitlab")) {
                throw new IllegalStateException("GEMHOST_OIDC_PROVIDERS: '" + item + "' is not KIND=ISSUER_URL with KIND github or gitlab");
            }
            URI uri;
            try {
                uri = new URI(issuer);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("GEMHOST_OIDC_PROVIDERS: '" + issuer + "' is not a URL");
            }
            boolean https = "https".equals(uri.getScheme());
            boolean http = "http".equals(uri.getScheme());
            if ((!https && !http) || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null || issuer.endsWith("/")) {
                throw new IllegalStateException("GEMHOST_OIDC_PROVIDERS: '" + issuer + "' must be an https:// URL without a trailing '/', query or fragment");
            }
            if (http && production) {
                throw new IllegalStateException("GEMHOST_OIDC_PROVIDERS: '" + issuer + "' is http://, which only development mode accepts");
            }
            providers.put(issuer, kind);
        }
        return Collections.unmodifiableMap(providers);
    }

    /** GEMHOST_OIDC_AUDIENCE: the aud a CI token must carry; by default the host name of GEMHOST_BASE_URL. */
    public String oidcAudience() {
        String configured = read("GEMHOST_OIDC_AUDIENCE", null);
        if (configured != null) {
            return configured;
        }
        String host = URI.create(baseUrl()).getHost();
        return host == null ? "localhost" : host;
    }

    /**
     * GEMHOST_MFA_POLICY: {@code off}, {@code recommend} (the default) or {@code require}
     * (mfa/MfaRequirement says what each does); any other value refuses the start.
     */
    public static String mfaPolicy() {
        String value = read("GEMHOST_MFA_POLICY", "recommend").toLowerCase(Locale.ROOT);
        if (!Set.of("off", "recommend", "require").contains(value)) {
            throw new IllegalStateException("GEMHOST_MFA_POLICY must be off, recommend or require, got '" + value + "'");
        }
        return value;
    }

    public Set<String> adminEmails() {
        return Arrays.stream(read("GEMHOST_ADMIN_EMAILS", "").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
