package io.gemhost.account;

import io.gemhost.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 at GEMHOST_PBKDF2_ITERATIONS, stored in Jakarta Security's Pbkdf2PasswordHash
 * format ({@code PBKDF2WithHmacSHA256:ITERATIONS:base64(salt):base64(hash)}, 16-byte salt, 32-byte
 * hash), so hashes stored by earlier versions (which used that bean) verify unchanged. Computed
 * here with the JDK rather than through the bean: WildFly only provides Pbkdf2PasswordHash to
 * applications that declare a Jakarta Security mechanism or identity store, which gemhost has not.
 * Hashing is deliberately slow, so at most one hash per core runs at once: a burst of sign-ins
 * queues here instead of starving the API of CPU. Recovery codes use the same KDF.
 */
@ApplicationScoped
public class Passwords {

    private static final Semaphore SLOTS = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Settings settings;

    private int iterations;
    private String dummy;

    @PostConstruct
    void init() {
        iterations = settings.pbkdf2Iterations();
        dummy = encode("gemhost-dummy-password".toCharArray(), iterations);
    }

    public String hash(String secret) {
        return bounded(() -> encode(secret.toCharArray(), iterations));
    }

    public boolean verify(String secret, String stored) {
        return bounded(() -> matches(secret.toCharArray(), stored));
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

    static String encode(char[] secret, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return ALGORITHM + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(pbkdf2(ALGORITHM, secret, salt, iterations, KEY_BYTES));
    }

    /** Checks a secret against a stored {@code ALGORITHM:ITERATIONS:SALT:HASH}; a malformed one is an IllegalArgumentException. */
    static boolean matches(char[] secret, String stored) {
        String[] parts = stored.split(":");
        if (parts.length != 4 || !parts[0].matches("PBKDF2WithHmacSHA(224|256|384|512)")) {
            throw new IllegalArgumentException("Bad hash encoding");
        }
        int rounds;
        byte[] salt;
        byte[] expected;
        try {
            rounds = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad hash encoding", e);
        }
        return MessageDigest.isEqual(pbkdf2(parts[0], secret, salt, rounds, expected.length), expected);
    }

    private static byte[] pbkdf2(String algorithm, char[] secret, byte[] salt, int iterations, int keyBytes) {
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(secret, salt, iterations, keyBytes * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
