package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.SignIn.BreachedPasswordSignIn;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.EventKind;
import io.gemhost.notify.Mails;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Tells the holder, once, that they signed in with a password the range service reports as
 * breached (docs/SECURITY.md): a mail, an event in their security log, and a mark on the account
 * that makes the profile page ask for a new password until one is set. No lock-out: the sign-in
 * that led here has succeeded. The account's row is locked, so two sign-ins at once mail once.
 */
@Stateless
public class BreachNotice {

    @Inject
    Clock clock;
    @EJB
    Accounts accounts;
    @EJB
    AuditLog audit;
    @Inject
    Mails mails;

    public void onSignIn(@Observes BreachedPasswordSignIn event) {
        Account account = accounts.lockFactors(event.accountId());
        if (account.isPasswordBreached()) {
            return;
        }
        account.noteBreachedPassword(clock.instant());
        audit.recordWith(account.getId(), EventKind.BREACHED_PASSWORD_SIGN_IN, null, event.client());
        mails.breachedPassword(account.getEmail(), account.getHandle(), account.getLanguage());
    }
}
