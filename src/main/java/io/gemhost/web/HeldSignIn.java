package io.gemhost.web;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.time.Duration;

/**
 * A browser session whose sign-in was held because its device is new to the account
 * (docs/SECURITY.md, new devices): it gave its password and second factor, is not signed in, and
 * may finish the sign-in for one hour once the mailed link has confirmed its address.
 */
@SessionScoped
public class HeldSignIn implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Duration LIFETIME = Duration.ofHours(1);

    private Long accountId;
    private String handle;
    private String how;
    private String returnTo;
    private long since;

    void hold(long accountId, String handle, String how, String returnTo) {
        this.accountId = accountId;
        this.handle = handle;
        this.how = how;
        this.returnTo = returnTo;
        this.since = System.currentTimeMillis();
    }

    boolean isHeld() {
        if (accountId != null && System.currentTimeMillis() - since > LIFETIME.toMillis()) {
            clear();
        }
        return accountId != null;
    }

    boolean isHeldFor(long account) {
        return isHeld() && accountId == account;
    }

    void clear() {
        accountId = null;
        handle = null;
        how = null;
        returnTo = null;
        since = 0;
    }

    long accountId() { return accountId; }
    String handle() { return handle; }
    String how() { return how; }
    String returnTo() { return returnTo; }
}
