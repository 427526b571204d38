package io.gemhost.gems;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The order of gem version numbers as RubyGems sorts them: segments split at dots and at the
 * boundaries between digits and letters; numbers compare as numbers, and a segment with letters
 * (a prerelease such as {@code 2.0.0.rc1}) sorts before the release it leads to. Pure.
 */
public final class VersionOrder {

    public static final Comparator<String> ORDER = VersionOrder::compare;

    private VersionOrder() {
    }

    /** The highest of these numbers, if any. */
    public static Optional<String> latest(Collection<String> numbers) {
        return numbers.stream().max(ORDER);
    }

    static int compare(String a, String b) {
        String[] x = segments(a);
        String[] y = segments(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : null;
            String q = i < y.length ? y[i] : null;
            int c = compareSegment(p, q);
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }

    /** A missing segment counts as 0 against a number and ranks above letters (1.0 > 1.0.a). */
    private static int compareSegment(String p, String q) {
        boolean pNum = p == null || isNumber(p);
        boolean qNum = q == null || isNumber(q);
        if (pNum && qNum) {
            return new java.math.BigInteger(p == null ? "0" : p).compareTo(new java.math.BigInteger(q == null ? "0" : q));
        }
        if (pNum != qNum) {
            return pNum ? 1 : -1;
        }
        return p.compareTo(q);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static String[] segments(String version) {
        return version.replaceAll("([0-9])([a-zA-Z])", "$1.$2").replaceAll("([a-zA-Z])([0-9])", "$1.$2").split("[.\\-]+");
    }
}
