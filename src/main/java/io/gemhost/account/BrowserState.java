package io.gemhost.account;

/**
 * What one browser's session holds between its requests, as its row in {@code browser_state}
 * stores it (docs/SECURITY.md, "Sessions"): who is signed in or awaiting the second factor, the
 * sign-in held for a new device, a one-time notice and the messages of the next page, the sealed
 * recovery codes shown once, and the form token. Plain data; BrowserStates reads and writes it.
 */
public final class BrowserState {

    String csrf;
    long seenAt;
    Long accountId;
    String handle;
    boolean signedIn;
    String sessionKey;
    long awaitingSince;
    String returnTo;
    String notice;
    String messages;
    Long heldAccountId;
    String heldHandle;
    String heldHow;
    String heldReturnTo;
    long heldSince;
    String freshCodes;

    /** The sign-in held for a new device (web's HeldSignIn reads and writes it through CurrentUser). */
    public record Held(long accountId, String handle, String how, String returnTo, long since) {
    }

    Held held() {
        return heldAccountId == null ? null : new Held(heldAccountId, heldHandle, heldHow, heldReturnTo, heldSince);
    }

    void held(Held held) {
        heldAccountId = held == null ? null : held.accountId();
        heldHandle = held == null ? null : held.handle();
        heldHow = held == null ? null : held.how();
        heldReturnTo = held == null ? null : held.returnTo();
        heldSince = held == null ? 0 : held.since();
    }

    /** Everything but the form token and the time it was last seen: a browser with nothing to remember. */
    void clearAll() {
        accountId = null;
        handle = null;
        signedIn = false;
        sessionKey = null;
        awaitingSince = 0;
        returnTo = null;
        notice = null;
        messages = null;
        held(null);
        freshCodes = null;
    }
}
