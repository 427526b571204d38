package io.gemhost.account;

import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * The password step of signing in, for the browser and for Basic auth on the API. A wrong email
 * and a wrong password give the same result, cost one hash each, and feed the same throttle,
 * keyed by the email as typed (SECURITY.md rules 14 and 18).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SignIn {

    public enum Outcome { OK, INVALID, PAUSED }

    public record Result(Outcome outcome, Account account, Duration retryAfter) {
        static Result invalid() { return new Result(Outcome.INVALID, null, Duration.ZERO); }
    }

    @Inject
    Accounts accounts;
    @Inject
    Passwords passwords;
    @Inject
    Throttles throttles;
    @Inject
    AuditLog audit;

    public Result password(String email, String password, Client client) {
        String key = Throttles.passwordKey(email);
        Optional<Duration> pause = throttles.pause(key);
        if (pause.isPresent()) {
            return new Result(Outcome.PAUSED, null, pause.get());
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
        if (!ok) {
            int failures = throttles.fail(key, false);
            account.ifPresent(a -> audit.record(a.getId(),
                    failures >= ThrottlePolicy.FREE_FAILURES ? EventKind.SIGN_IN_THROTTLED : EventKind.SIGN_IN_FAILED,
                    null, client));
            if (failures >= ThrottlePolicy.FREE_FAILURES) {
                return new Result(Outcome.PAUSED, null, ThrottlePolicy.pauseAfter(failures));
            }
            return Result.invalid();
        }
        throttles.reset(key);
        return new Result(Outcome.OK, account.get(), Duration.ZERO);
    }
}
