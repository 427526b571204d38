package io.gemhost.totp;

import io.gemhost.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals TOTP keys at rest with AES-GCM under GEMHOST_SECRET_KEY, which lives in the server's
 * configuration and never in the database. In development, without that variable, a key is
 * generated once into GEMHOST_DATA/secret.key with mode 0600 (docs/SECURITY.md).
 */
@ApplicationScoped
public class KeyVault {

    @Inject
    Settings settings;

    private KeyCipher cipher;
    private KeyCipher previous;

    @PostConstruct
    void init() {
        String configured = Settings.read("GEMHOST_SECRET_KEY", null);
        if (configured != null) {
            cipher = KeyCipher.fromBase64(configured);
        } else if (settings.production()) {
            throw new IllegalStateException("GEMHOST_MODE=production needs GEMHOST_SECRET_KEY (base64 of 32 random bytes)");
        } else {
            cipher = KeyCipher.fromBase64(developmentKey(settings.dataDir().resolve("secret.key")));
        }
        String old = Settings.read("GEMHOST_SECRET_KEY_PREVIOUS", null);
        previous = old == null ? null : KeyCipher.fromBase64(old);
    }

    /** A key derived from GEMHOST_SECRET_KEY for {@code purpose} (KeyCipher.derive), e.g. to sign a cookie. */
    public byte[] derive(String purpose) {
        return cipher.derive(purpose);
    }

    /** True while GEMHOST_SECRET_KEY_PREVIOUS is given: keys sealed under it are re-sealed at startup. */
    public boolean rotating() {
        return previous != null;
    }

    static String developmentKey(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] key = new byte[KeyCipher.KEY_BYTES];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key));
                } catch (FileAlreadyExistsException anotherNodeWasFaster) {
                    // read theirs below
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read " + file, e);
        }
    }

    public String seal(byte[] key, long accountId) {
        return cipher.seal(key, "totp:" + accountId);
    }

    public byte[] open(String sealed, long accountId) {
        try {
            return cipher.open(sealed, "totp:" + accountId);
        } catch (KeyCipher.SealBroken e) {
            if (previous == null) {
                throw e;
            }
            return previous.open(sealed, "totp:" + accountId);
        }
    }

    /**
     * Seals a short-lived secret other than a TOTP key (recovery codes waiting to be shown once)
     * under the same key; {@code purpose} binds it to what it is for, as the associated data.
     */
    public String sealFor(String purpose, byte[] plain) {
        return cipher.seal(plain, purpose);
    }

    /** What {@link #sealFor} sealed for this purpose; empty when it was sealed for another or under another secret. */
    public Optional<byte[]> openFor(String purpose, String sealed) {
        try {
            return Optional.of(cipher.open(sealed, purpose));
        } catch (KeyCipher.SealBroken | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The key sealed under the current secret, if it is sealed under the previous one now. */
    public Optional<String> reseal(String sealed, long accountId) {
        try {
            cipher.open(sealed, "totp:" + accountId);
            return Optional.empty();
        } catch (KeyCipher.SealBroken e) {
            byte[] key = previous.open(sealed, "totp:" + accountId);
            try {
                return Optional.of(seal(key, accountId));
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }
    }
}
