package io.gemhost.jmh;

import io.gemhost.apikey.ApiKeys;
import io.gemhost.recovery.RecoveryCodeFormat;
import io.gemhost.totp.KeyCipher;
import io.gemhost.totp.Totp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.glassfish.soteria.identitystores.hash.Pbkdf2PasswordHashImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot code of the API's second factor, measured alone (the shipped classes, compiled from
 * ../../src/main/java).
 * <ul>
 * <li>{@code totpVerify}: io.gemhost.totp.Totp.verify of the right code with its window (steps T-1, T, T+1, all
 * three computed and compared whatever matches). Goal: at most 10 us.</li>
 * <li>{@code totpVerifyWrong}: the same with a wrong code (the same work, by design).</li>
 * <li>{@code totpKeyOpen}: opening the stored key (AES-256-GCM, KeyCipher), done before every TOTP check.</li>
 * <li>{@code recoveryCodeCheck}: one recovery-code check as RecoveryCodes.match does it once the row is found:
 * normalize, split off the lookup part, one PBKDF2-HMAC-SHA256 verification of the secret part with Payara's
 * Pbkdf2PasswordHash implementation (Soteria) at {@code iterations} (GEMHOST_PBKDF2_ITERATIONS, default
 * 600,000).</li>
 * <li>{@code apiKeyDigest}: ApiKeys.digest, SHA-256 of the raw key as hex, on every keyed request.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
public class HotCode {

    @Param("600000")
    public int iterations;

    private byte[] totpKey;
    private Clock clock;
    private String rightCode;
    private String wrongCode;
    private long lastUsedStep;
    private KeyCipher cipher;
    private String sealed;
    private Pbkdf2PasswordHashImpl kdf;
    private String recoveryInput;
    private String recoveryHash;
    private String apiKey;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        totpKey = Totp.newKey(random);
        clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        long step = Totp.step(clock.instant());
        rightCode = Totp.code(totpKey, step);
        wrongCode = String.format("%06d", (Integer.parseInt(rightCode) + 1) % 1_000_000);
        lastUsedStep = step - 2;
        byte[] secretKey = new byte[KeyCipher.KEY_BYTES];
        random.nextBytes(secretKey);
        cipher = new KeyCipher(secretKey);
        sealed = cipher.seal(totpKey, "totp:42");
        kdf = new Pbkdf2PasswordHashImpl();
        kdf.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "16",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        String normalized = RecoveryCodeFormat.normalize(RecoveryCodeFormat.generate(random)).orElseThrow();
        recoveryInput = RecoveryCodeFormat.display(normalized).toLowerCase();
        recoveryHash = kdf.generate(RecoveryCodeFormat.secret(normalized).toCharArray());
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        apiKey = "gemhost_" + HexFormat.of().formatHex(raw);
        if (Totp.verify(totpKey, rightCode, lastUsedStep, clock).isEmpty() || !recoveryCodeCheck()) {
            throw new IllegalStateException("benchmark inputs are wrong");
        }
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public OptionalLong totpVerify() {
        return Totp.verify(totpKey, rightCode, lastUsedStep, clock);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public OptionalLong totpVerifyWrong() {
        return Totp.verify(totpKey, wrongCode, lastUsedStep, clock);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] totpKeyOpen() {
        return cipher.open(sealed, "totp:42");
    }

    @Benchmark
    @Warmup(iterations = 1, time = 3)
    @Measurement(iterations = 3, time = 5)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public boolean recoveryCodeCheck() {
        String normalized = RecoveryCodeFormat.normalize(recoveryInput).orElseThrow();
        RecoveryCodeFormat.lookup(normalized);
        return kdf.verify(RecoveryCodeFormat.secret(normalized).toCharArray(), recoveryHash);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String apiKeyDigest() {
        return ApiKeys.digest(apiKey);
    }
}
