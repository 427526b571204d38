package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.account.Sessions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * How every page signs a browser in and keeps sessions honest: a new session id, the session's
 * row and sign-in event (Sessions.start), and CurrentUser; on request, the end of every other
 * session of the account (a credential change ends them itself: account/CredentialChanges).
 */
@RequestScoped
public class SignedIn {

    @Inject
    Sessions sessions;
    @Inject
    CurrentUser user;

    /** Signs this browser in as the account; {@code how} is the sign-in event's detail (null: no event). */
    public void start(long accountId, String handle, String how) {
        Pages.request().changeSessionId();
        user.clear();
        user.signedIn(accountId, handle, sessions.start(accountId, how, Pages.client()));
    }

    /** Sign out everywhere else: every other session of this account ends, on every node. */
    public int endOthers() {
        return sessions.endOthers(user);
    }
}
