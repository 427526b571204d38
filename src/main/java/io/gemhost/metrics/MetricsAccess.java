package io.gemhost.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * Who may read /metrics (docs/SECURITY.md, "Health and metrics"): a client on this machine's
 * loopback, or one that sends {@code Authorization: Bearer GEMHOST_METRICS_TOKEN} (compared in
 * constant time). The client address is audit's Client, so behind GEMHOST_TRUST_PROXY it is the
 * proxy's X-Forwarded-For and a client from outside needs the token. Pure.
 */
final class MetricsAccess {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private MetricsAccess() {
    }

    static boolean allowed(String clientAddress, String authorization, String token) {
        boolean tokenGiven = token != null && !token.isEmpty() && authorization != null
                && MessageDigest.isEqual(digest(authorization), digest("Bearer " + token));
        return tokenGiven || loopback(clientAddress);
    }

    /** A literal loopback address (never a name: nothing is looked up). */
    static boolean loopback(String address) {
        if (address == null) {
            return false;
        }
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (a.startsWith("::ffff:")) {
            a = a.substring("::ffff:".length());
        }
        return LOOPBACK_V4.matcher(a).matches() || a.equals("::1") || a.equals("0:0:0:0:0:0:0:1");
    }

    /** Equal-length values for the comparison, so its time says nothing about the token's length either. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
