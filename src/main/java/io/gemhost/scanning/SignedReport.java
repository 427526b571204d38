package io.gemhost.scanning;

import java.util.Arrays;

/**
 * The raw body of a report whose signature checked out. Only {@link ReportSignatures} makes one,
 * and {@link LeakedKeys#revoke} takes nothing else, so no path revokes a key on an unsigned body.
 */
public final class SignedReport {

    private final byte[] body;

    SignedReport(byte[] body) {
        this.body = Arrays.copyOf(body, body.length);
    }

    byte[] body() {
        return Arrays.copyOf(body, body.length);
    }
}
