package io.gemhost.web;

import io.gemhost.account.BrowserState;
import io.gemhost.account.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A browser whose sign-in was held because its device is new to the account
 * (docs/SECURITY.md, new devices): it gave its password and second factor, is not signed in, and
 * may finish the sign-in for one hour once the mailed link has confirmed its address. Kept in the
 * browser's row (CurrentUser), so any node may finish it.
 */
@RequestScoped
public class HeldSignIn {

    static final Duration LIFETIME = Duration.ofHours(1);

    @Inject
    CurrentUser user;

    void hold(long accountId, String handle, String how, String returnTo) {
        user.hold(new BrowserState.Held(accountId, handle, how, returnTo, System.currentTimeMillis()));
    }

    private BrowserState.Held current() {
        BrowserState.Held held = user.held();
        if (held != null && System.currentTimeMillis() - held.since() > LIFETIME.toMillis()) {
            clear();
            return null;
        }
        return held;
    }

    boolean isHeld() {
        return current() != null;
    }

    boolean isHeldFor(long account) {
        BrowserState.Held held = current();
        return held != null && held.accountId() == account;
    }

    void clear() {
        user.hold(null);
    }

    long accountId() { return user.held().accountId(); }
    String handle() { return user.held().handle(); }
    String how() { return user.held().how(); }
    String returnTo() { return user.held().returnTo(); }
}
