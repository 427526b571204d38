package io.gemhost.publishing;

import jakarta.ejb.ApplicationException;

/**
 * A token exchange refused: 400 for a body or token that is not one (malformed), 404 for a
 * well-formed token that fails a check. The message is a sentence for the workflow's author
 * (which check failed); it never holds the token.
 */
@ApplicationException(rollback = true)
public class ExchangeRefused extends RuntimeException {

    private final int status;

    private ExchangeRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ExchangeRefused malformed(String message) {
        return new ExchangeRefused(400, message);
    }

    public static ExchangeRefused notAccepted(String message) {
        return new ExchangeRefused(404, message);
    }

    public int status() {
        return status;
    }

    /** A value from a token for a message: printable, at most 100 characters. */
    static String shown(Object value) {
        if (value == null) {
            return "(none)";
        }
        String text = value.toString().replaceAll("[\\p{Cntrl}]", "?");
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
