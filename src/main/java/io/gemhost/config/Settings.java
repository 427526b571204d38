package io.gemhost.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The GEMHOST_* settings of CONTRACT.md, read from the environment (a system property of the
 * same name wins, which tests and operators on servers without env access can use). Values
 * are read on each call: they are cheap, and tests may run several servers with other values.
 */
@ApplicationScoped
public class Settings {

    public static String read(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
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

    /** SECURITY.md rule 4a's window. */
    public Duration apiCodeWindow() {
        return Duration.ofSeconds(readInt("GEMHOST_API_CODE_WINDOW_S", 60, 1, 600));
    }

    public boolean trustProxy() {
        return Boolean.parseBoolean(read("GEMHOST_TRUST_PROXY", "false"));
    }

    public int maxGemMegabytes() {
        return readInt("GEMHOST_MAX_GEM_MB", 100, 1, 4096);
    }

    public Set<String> adminEmails() {
        return Arrays.stream(read("GEMHOST_ADMIN_EMAILS", "").split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
