package io.gemhost.account;

import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * The password step of signing in, for the browser and for Basic auth on the API. A wrong email
 * and a wrong password give the same result, cost one hash each, and feed the same throttle,
 * keyed by the email as typed (docs/SECURITY.md, throttles). Each attempt is counted before its
 * check runs (Throttles.attempt), so concurrent guesses cannot outrun the throttle; the password
 * asked again before sensitive changes goes through the same throttle. A correct password that the
 * range service reports as breached still signs in; its holder is told once (BreachedPasswordSignIn).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SignIn {

    public enum Outcome { OK, INVALID, PAUSED }

    public record Result(Outcome outcome, Account account, Duration retryAfter) {
        static Result invalid() { return new Result(Outcome.INVALID, null, Duration.ZERO); }
    }

    /**
     * Fired when an account signs in with a password the range service reports as breached and its
     * holder has not been told yet; the lifecycle's BreachNotice tells them.
     */
    public record BreachedPasswordSignIn(long accountId, Client client) {
    }

    @EJB
    Accounts accounts;
    @Inject
    Passwords passwords;
    @EJB
    Throttles throttles;
    @EJB
    AuditLog audit;
    @Inject
    BreachedPasswords breached;
    @Inject
    Event<BreachedPasswordSignIn> breachedSignIns;

    public Result password(String email, String password, Client client) {
        String key = Throttles.passwordKey(email);
        Throttles.Attempt attempt = throttles.attempt(key, false);
        if (!attempt.allowed()) {
            return new Result(Outcome.PAUSED, null, attempt.retryAfter());
        }
        Optional<Account> account = email == null || email.length() > AccountRules.EMAIL_MAX
                ? Optional.empty() : accounts.findByEmail(email);
        boolean ok;
        if (account.isPresent()) {
            ok = password != null && passwords.verify(password, account.get().getPasswordHash());
        } else {
            passwords.burn(password);
            ok = false;
        }
        Result result = settle(key, attempt, account, ok, null, client);
        if (result.outcome() == Outcome.OK && !result.account().isPasswordBreached() && breached.reported(password)) {
            breachedSignIns.fire(new BreachedPasswordSignIn(result.account().getId(), client));
        }
        return result;
    }

    /**
     * The current password asked again before a change that needs it (email, password, deleting
     * the account). It counts on the same throttle as signing in with that account's email, so a
     * session cannot be used to guess the password faster than the sign-in form allows.
     */
    public Result recheck(long accountId, String password, String action, Client client) {
        Account account = accounts.get(accountId);
        String key = Throttles.passwordKey(account.getEmail());
        Throttles.Attempt attempt = throttles.attempt(key, false);
        if (!attempt.allowed()) {
            return new Result(Outcome.PAUSED, null, attempt.retryAfter());
        }
        boolean ok = password != null && passwords.verify(password, account.getPasswordHash());
        return settle(key, attempt, Optional.of(account), ok, "wrong password on " + action, client);
    }

    /** After a check that ran: a success clears the throttle; a failure (already counted) leaves one event. */
    private Result settle(String key, Throttles.Attempt attempt, Optional<Account> account, boolean ok, String detail, Client client) {
        if (ok) {
            throttles.reset(key);
            return new Result(Outcome.OK, account.get(), Duration.ZERO);
        }
        Duration pause = attempt.pauseIfFailed();
        account.ifPresent(a -> audit.record(a.getId(), pause.isZero() ? EventKind.SIGN_IN_FAILED : EventKind.SIGN_IN_THROTTLED,
                detail, client));
        return pause.isZero() ? Result.invalid() : new Result(Outcome.PAUSED, null, pause);
    }
}
