package io.gemhost.recovery;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The shape of a recovery code: 18 characters from an alphabet without look-alikes (no 0, O, 1, I, L, U), shown
 * as three groups of six, e.g. {@code AB3D7F-GH9K2M-PQ4R5T}.
 *
 * <p>The first {@value #LOOKUP_LENGTH} characters are a non-secret lookup part that finds the stored row, so a check
 * costs one password-hash run instead of one per stored code (docs/SECURITY.md, "Factors"). The other {@value #SECRET_LENGTH} carry
 * about 68.7 bits, above the 64 bits a recovery code needs (docs/SECURITY.md); only they need to be hashed. Normalizing forgives case,
 * spaces, dashes and underscores, and nothing else: anything outside ASCII is refused rather than folded, since
 * Unicode case mapping turns characters such as U+017F into ASCII letters.
 */
public final class RecoveryCodeFormat {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 18;
    public static final int LOOKUP_LENGTH = 4;
    public static final int SECRET_LENGTH = LENGTH - LOOKUP_LENGTH;
    private static final int GROUP = 6;
    // Generous room for separators and spaces; anything longer is refused before it is walked.
    private static final int MAX_INPUT = 64;

    private RecoveryCodeFormat() {
    }

    /** A new code, formatted for display. */
    public static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return display(code.toString());
    }

    /** The 18 upper-case characters of a typed code, or empty if it is not one. Never throws. */
    public static Optional<String> normalize(String input) {
        if (input == null || input.length() > MAX_INPUT) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == ' ' || c == '-' || c == '_') {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            if (ALPHABET.indexOf(c) < 0 || code.length() == LENGTH) {
                return Optional.empty();
            }
            code.append(c);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }

    /** The non-secret part that locates the stored row. */
    public static String lookup(String normalized) {
        return requireNormalized(normalized).substring(0, LOOKUP_LENGTH);
    }

    /** The part that is hashed and must never be stored or logged in clear. */
    public static String secret(String normalized) {
        return requireNormalized(normalized).substring(LOOKUP_LENGTH);
    }

    /** Three groups of six separated by '-'. */
    public static String display(String normalized) {
        String code = requireNormalized(normalized);
        return code.substring(0, GROUP) + '-' + code.substring(GROUP, 2 * GROUP) + '-' + code.substring(2 * GROUP);
    }

    /** Entropy of the secret part: {@value #SECRET_LENGTH} symbols of log2(30) bits each. */
    public static double secretBits() {
        return SECRET_LENGTH * Math.log(ALPHABET.length()) / Math.log(2);
    }

    private static String requireNormalized(String normalized) {
        if (normalized == null || normalized.length() != LENGTH) {
            throw new IllegalArgumentException("not a normalized recovery code");
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(normalized.charAt(i)) < 0) {
                throw new IllegalArgumentException("not a normalized recovery code");
            }
        }
        return normalized;
    }
}
