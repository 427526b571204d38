package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.Passwords;
import io.gemhost.account.SignIn;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Changing the password of a signed-in account: the current password first, checked on the
 * sign-in throttle (SignIn.recheck), then the new one in a transaction of its own, which also
 * ends the account's other sessions (account/CredentialChanges).
 */
@Stateless
public class PasswordChange {

    public enum Outcome { CHANGED, WRONG_PASSWORD, PAUSED }

    public record Result(Outcome outcome, Duration retryAfter) {
    }

    @Inject
    SignIn signIn;
    @Inject
    Accounts accounts;
    @Inject
    Passwords passwords;
    @Inject
    AuditLog audit;
    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result change(long accountId, String current, String replacement, Client client) {
        SignIn.Result check = signIn.recheck(accountId, current, "password change", client);
        switch (check.outcome()) {
            case PAUSED -> {
                return new Result(Outcome.PAUSED, check.retryAfter());
            }
            case INVALID -> {
                return new Result(Outcome.WRONG_PASSWORD, Duration.ZERO);
            }
            default -> {
                context.getBusinessObject(PasswordChange.class).apply(accountId, replacement, client);
                return new Result(Outcome.CHANGED, Duration.ZERO);
            }
        }
    }

    public void apply(long accountId, String replacement, Client client) {
        Account account = accounts.get(accountId);
        account.setPasswordHash(passwords.hash(replacement));
        audit.recordWith(accountId, EventKind.PASSWORD_CHANGED, null, client);
    }
}
