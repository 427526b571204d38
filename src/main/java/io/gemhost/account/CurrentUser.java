package io.gemhost.account;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;

/**
 * Who is signed in on this browser session. Between a correct password and the second factor
 * the session is "awaiting" for one account and at most 15 minutes (docs/SECURITY.md, sessions).
 * A signed-in session counts as signed in only while its row exists: every read of the
 * signed-in identity checks it (once per request, SessionRowCheck), so a session ended elsewhere
 * is signed out here at its next request, whichever filter or page it reaches.
 */
@Named
@SessionScoped
public class CurrentUser implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Duration AWAITING_LIFETIME = Duration.ofMinutes(15);

    private Long accountId;
    private String handle;
    private boolean signedIn;
    private long awaitingSince;
    private String returnTo;
    private String notice;

    private String sessionKey;

    @Inject
    SessionRowCheck rows;

    /** Signed in, with the key of the session's row (Sessions.open). */
    public void signedIn(long accountId, String handle, String sessionKey) {
        this.sessionKey = sessionKey;
        this.accountId = accountId;
        this.handle = handle;
        this.signedIn = true;
        this.awaitingSince = 0;
    }

    public void awaitSecondFactor(long accountId, String handle, String returnTo) {
        this.accountId = accountId;
        this.handle = handle;
        this.signedIn = false;
        this.awaitingSince = System.currentTimeMillis();
        this.returnTo = returnTo;
    }

    public boolean isSignedIn() {
        if (signedIn && !rows.isOpen(sessionKey, accountId)) {
            clear();
        }
        return signedIn;
    }

    /** True once, at the first request after this signed-in session was ended elsewhere; it is then signed out. */
    public boolean wasEndedElsewhere() {
        return signedIn && !isSignedIn();
    }

    public boolean isAwaitingSecondFactor() {
        if (signedIn || awaitingSince == 0) {
            return false;
        }
        if (System.currentTimeMillis() - awaitingSince > AWAITING_LIFETIME.toMillis()) {
            clear();
            return false;
        }
        return true;
    }

    public void clear() {
        accountId = null;
        handle = null;
        signedIn = false;
        awaitingSince = 0;
        returnTo = null;
        sessionKey = null;
    }

    /**
     * The signed-in account. Refuses a session that is not signed in, also one that gave only
     * its password: no bean can act for an account whose second factor is still pending.
     */
    public long getAccountId() {
        if (!isSignedIn()) {
            throw new NotSignedInException();
        }
        return accountId;
    }

    /** The account whose second factor this session is waiting for: only the OTP step asks. */
    public long getPendingAccountId() {
        if (!isAwaitingSecondFactor()) {
            throw new NotSignedInException();
        }
        return accountId;
    }
    /** This session's key when it is signed in as {@code accountId} (its row not re-read), else null. */
    public String sessionKeyOf(long accountId) {
        return signedIn && this.accountId != null && this.accountId == accountId ? sessionKey : null;
    }

    /** A random value that binds server-side state (a pending key) to this signed-in session. */
    public String getSessionKey() { return sessionKey; }
    public String getHandle() { return isSignedIn() ? handle : null; }
    public String getPendingHandle() { return handle; }
    public String takeReturnTo() { String r = returnTo; returnTo = null; return r; }

    /** A one-time message for the next page (e.g. after signing in with a recovery code). */
    public void setNotice(String notice) { this.notice = notice; }
    public String takeNotice() { String n = notice; notice = null; return n; }
    public boolean hasNotice() { return notice != null; }
}
