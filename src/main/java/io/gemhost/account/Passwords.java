package io.gemhost.account;

import io.gemhost.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * PBKDF2-HMAC-SHA256 through Jakarta Security's Pbkdf2PasswordHash, at GEMHOST_PBKDF2_ITERATIONS.
 * Hashing is deliberately slow, so at most one hash per core runs at once: a burst of sign-ins
 * queues here instead of starving the API of CPU. Recovery codes use the same KDF.
 */
@ApplicationScoped
public class Passwords {

    private static final Semaphore SLOTS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);

    @Inject
    Pbkdf2PasswordHash hash;
    @Inject
    Settings settings;

    private String dummy;

    @PostConstruct
    void init() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(settings.pbkdf2Iterations()),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        dummy = hash.generate("gemhost-dummy-password".toCharArray());
    }

    public String hash(String secret) {
        return bounded(() -> hash.generate(secret.toCharArray()));
    }

    public boolean verify(String secret, String stored) {
        return bounded(() -> hash.verify(secret.toCharArray(), stored));
    }

    /** One verification against nothing, so an unknown email costs what a known one does. */
    public void burn(String secret) {
        verify(secret == null ? "" : secret, dummy);
    }

    private static <T> T bounded(java.util.function.Supplier<T> work) {
        SLOTS.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            SLOTS.release();
        }
    }
}
