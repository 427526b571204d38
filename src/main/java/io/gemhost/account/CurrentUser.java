package io.gemhost.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Who is signed in on this browser, read once per request from the browser's row
 * (BrowserStates) and written through on every change, so the next request may land on any node
 * (docs/ARCHITECTURE.md, "Stateless nodes"). Between a correct password and the second factor
 * the browser is "awaiting" for one account and at most 15 minutes (docs/SECURITY.md, sessions).
 * A signed-in browser counts as signed in only while its session row exists: every read of the
 * signed-in identity checks it (once per request, SessionRowCheck), so a session ended elsewhere
 * is signed out here at its next request, whichever filter or page it reaches.
 */
@Named
@RequestScoped
public class CurrentUser {

    public static final Duration AWAITING_LIFETIME = Duration.ofMinutes(15);

    @Inject
    SessionRowCheck rows;
    @EJB
    BrowserStates states;

    private BrowserState state = new BrowserState();
    /** The browser's token (its cookie's value); null outside the pages (the API has no browser state). */
    private String token;
    private Consumer<String> cookie;

    /**
     * This request's browser, by the token its cookie holds. An unknown or expired token (or none)
     * makes a new, empty browser state, whose token goes to {@code setCookie} at once. Returns
     * whether the browser was known.
     */
    public boolean attach(String cookieToken, Consumer<String> setCookie) {
        this.cookie = setCookie;
        var found = states.find(cookieToken);
        if (found.isPresent()) {
            token = cookieToken;
            state = found.get();
            return true;
        }
        state = new BrowserState();
        token = states.create(state);
        cookie.accept(token);
        return false;
    }

    private void save() {
        if (token != null && !states.save(token, state)) {
            token = states.create(state); // the row went away meanwhile (purged, ended): keep this state under a new token
            cookie.accept(token);
        }
    }

    /**
     * A new token for the same state, and a new form token (docs/SECURITY.md, "Sessions": the
     * session id changes when the password is accepted and again when the second factor is).
     */
    public void rotate() {
        if (token == null) {
            return;
        }
        token = states.rotate(token, state).orElseGet(() -> states.create(state));
        cookie.accept(token);
    }

    /** Sign-out, account deletion: the browser's state ends; what follows (a message) starts a new, empty one. */
    public void end() {
        if (token == null) {
            state = new BrowserState();
            return;
        }
        states.end(token);
        state = new BrowserState();
        token = states.create(state);
        cookie.accept(token);
    }

    /** Signed in, with the key of the session's row (Sessions.open). */
    public void signedIn(long accountId, String handle, String sessionKey) {
        state.sessionKey = sessionKey;
        state.accountId = accountId;
        state.handle = handle;
        state.signedIn = true;
        state.awaitingSince = 0;
        save();
    }

    public void awaitSecondFactor(long accountId, String handle, String returnTo) {
        state.accountId = accountId;
        state.handle = handle;
        state.signedIn = false;
        state.awaitingSince = System.currentTimeMillis();
        state.returnTo = returnTo;
        save();
    }

    public boolean isSignedIn() {
        if (state.signedIn && !rows.isOpen(state.sessionKey, state.accountId)) {
            clear();
        }
        return state.signedIn;
    }

    /** True once, at the first request after this signed-in session was ended elsewhere; it is then signed out. */
    public boolean wasEndedElsewhere() {
        return state.signedIn && !isSignedIn();
    }

    public boolean isAwaitingSecondFactor() {
        if (state.signedIn || state.awaitingSince == 0) {
            return false;
        }
        if (System.currentTimeMillis() - state.awaitingSince > AWAITING_LIFETIME.toMillis()) {
            clear();
            return false;
        }
        return true;
    }

    public void clear() {
        if (state.accountId == null && !state.signedIn && state.awaitingSince == 0 && state.returnTo == null && state.sessionKey == null) {
            return;
        }
        state.accountId = null;
        state.handle = null;
        state.signedIn = false;
        state.awaitingSince = 0;
        state.returnTo = null;
        state.sessionKey = null;
        save();
    }

    /**
     * The signed-in account. Refuses a session that is not signed in, also one that gave only
     * its password: no bean can act for an account whose second factor is still pending.
     */
    public long getAccountId() {
        if (!isSignedIn()) {
            throw new NotSignedInException();
        }
        return state.accountId;
    }

    /** The account whose second factor this session is waiting for: only the OTP step asks. */
    public long getPendingAccountId() {
        if (!isAwaitingSecondFactor()) {
            throw new NotSignedInException();
        }
        return state.accountId;
    }

    /** This session's key when it is signed in as {@code accountId} (its row not re-read), else null. */
    public String sessionKeyOf(long accountId) {
        return state.signedIn && state.accountId != null && state.accountId == accountId ? state.sessionKey : null;
    }

    /** A random value that binds server-side state (a pending key) to this signed-in session. */
    public String getSessionKey() { return state.sessionKey; }
    public String getHandle() { return isSignedIn() ? state.handle : null; }
    public String getPendingHandle() { return state.handle; }

    public String takeReturnTo() {
        String r = state.returnTo;
        if (r != null) {
            state.returnTo = null;
            save();
        }
        return r;
    }

    /** A one-time message for the next page (e.g. after signing in with a recovery code). */
    public void setNotice(String notice) {
        state.notice = notice;
        save();
    }

    public String takeNotice() {
        String n = state.notice;
        if (n != null) {
            state.notice = null;
            save();
        }
        return n;
    }

    public boolean hasNotice() { return state.notice != null; }

    /** The digest that names this browser in other rows (its WebAuthn challenges); "" outside the pages. */
    public String browserKey() {
        return token == null ? "" : BrowserStates.digest(token);
    }

    /** The form token every form of this browser carries (docs/SECURITY.md, "Forms"); null outside the pages. */
    public String getFormToken() {
        return token == null ? null : state.csrf;
    }

    /** Whether a posted form token is this browser's, compared in constant time. */
    public boolean formTokenMatches(String posted) {
        String mine = getFormToken();
        return mine != null && posted != null
                && MessageDigest.isEqual(mine.getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8));
    }

    /** The sign-in held for a new device, or null. */
    public BrowserState.Held held() {
        return state.held();
    }

    public void hold(BrowserState.Held held) {
        if (held == null && state.heldAccountId == null) {
            return;
        }
        state.held(held);
        save();
    }

    /** Recovery codes waiting to be shown once, sealed (web's FreshRecoveryCodes seals and opens them). */
    public String takeSealedCodes() {
        String codes = state.freshCodes;
        if (codes != null) {
            state.freshCodes = null;
            save();
        }
        return codes;
    }

    public void holdSealedCodes(String sealed) {
        state.freshCodes = sealed;
        save();
    }

    /** The messages the next page shows (a redirect's), encoded by web's Pages. */
    public void keepMessages(String encoded) {
        state.messages = encoded;
        save();
    }

    public String takeMessages() {
        String m = state.messages;
        if (m != null) {
            state.messages = null;
            save();
        }
        return m;
    }
}
