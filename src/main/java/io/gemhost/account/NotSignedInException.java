package io.gemhost.account;

/**
 * An action for an account was asked of a session that is not signed in (or gave only its
 * password). The page guard keeps such requests away; this is the second line behind it.
 */
public class NotSignedInException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NotSignedInException() {
        super("not signed in");
    }
}
