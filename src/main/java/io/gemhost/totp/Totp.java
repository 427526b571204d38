package io.gemhost.totp;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords with the parameters every authenticator app honours: HMAC-SHA1, six digits,
 * 30-second steps (docs/SECURITY.md, factors).
 *
 * <p>{@link #verify} accepts the current step and one either side, and only steps after the last one used; it
 * returns the matched step so the caller can store it with a conditional update and so refuse replays across nodes
 * (docs/SECURITY.md, "Factors"). Verification treats every input as untrusted: anything that is not exactly six ASCII digits is simply
 * not a TOTP code, and no input makes it throw.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    public static final int KEY_BYTES = 20;

    private static final String HMAC = "HmacSHA1";
    // Thread-safe: the generator clones its prototype Mac for every call.
    private static final HmacOneTimePasswordGenerator HOTP = new HmacOneTimePasswordGenerator(DIGITS);

    private Totp() {
    }

    public static long step(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for one step, zero-padded, always ASCII whatever the default locale. */
    public static String code(byte[] key, long step) {
        int value;
        try {
            value = HOTP.generateOneTimePassword(new SecretKeySpec(key, HMAC), step);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("unusable TOTP key", e);
        }
        String digits = Integer.toString(value);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    /** Exactly six ASCII digits once surrounding spaces are trimmed; {@code Character.isDigit} would admit others. */
    public static boolean isTotpCandidate(String input) {
        String trimmed = trimSpaces(input);
        if (trimmed == null || trimmed.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks {@code input} against steps T-1, T and T+1 that are later than {@code lastUsedStep}.
     *
     * @return the step that matched (the latest one, should several), or empty for a wrong, replayed or malformed
     *     code; never throws
     */
    public static OptionalLong verify(byte[] key, String input, long lastUsedStep, Clock clock) {
        try {
            if (key == null || key.length == 0 || clock == null || !isTotpCandidate(input)) {
                return OptionalLong.empty();
            }
            byte[] given = trimSpaces(input).getBytes(StandardCharsets.US_ASCII);
            long current = step(clock.instant());
            long matched = Long.MIN_VALUE;
            boolean found = false;
            // All three are computed and compared, used or not, so timing says little about which one matched.
            for (long s = current - 1; s <= current + 1; s++) {
                byte[] expected = code(key, s).getBytes(StandardCharsets.US_ASCII);
                boolean equal = MessageDigest.isEqual(expected, given);
                if (equal && s > lastUsedStep) {
                    matched = s;
                    found = true;
                }
            }
            return found ? OptionalLong.of(matched) : OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    public static byte[] newKey(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private static String trimSpaces(String input) {
        if (input == null) {
            return null;
        }
        int start = 0;
        int end = input.length();
        while (start < end && input.charAt(start) == ' ') {
            start++;
        }
        while (end > start && input.charAt(end - 1) == ' ') {
            end--;
        }
        return input.substring(start, end);
    }
}
