package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.PasswordRule;
import io.gemhost.account.Passwords;
import io.gemhost.account.Throttles;
import io.gemhost.account.Tokens;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.mfa.MfaPolicy.Action;
import io.gemhost.mfa.Proof;
import io.gemhost.mfa.SecondFactor;
import io.gemhost.notify.Mails;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * A forgotten password (OWASP ASVS 5.0 6.4.3: a reset never bypasses the second factor). The
 * mailed link is single use and lives one hour; with MFA on, a code or a recovery code is needed
 * too, and a recovery code also unlocks a second factor locked by 100 failures. A reset ends every
 * session of the account and clears the password throttle. A new password that breaks
 * PasswordRule (too short, breached) is refused as a GemhostException, the link still valid.
 */
@Stateless
public class PasswordReset {

    public static final Duration LIFETIME = Duration.ofHours(1);

    public enum Outcome { DONE, INVALID_LINK, SECOND_FACTOR }

    public record Result(Outcome outcome, SecondFactor.Verdict verdict, Account account) {
    }

    @EJB
    Accounts accounts;
    @EJB
    Tokens tokens;
    @Inject
    Mails mails;
    @EJB
    AuditLog audit;
    @EJB
    Proof proof;
    @Inject
    Passwords passwords;
    @EJB
    Throttles throttles;
    @Inject
    PasswordRule passwordRule;
    @Resource
    SessionContext context;

    /**
     * Mails a link when the email has an account, at most one a minute per account (so the form
     * cannot flood a mailbox); the caller learns nothing either way.
     */
    public void request(String email, Client client) {
        accounts.findByEmail(email)
                .filter(account -> !tokens.issuedWithin(account.getId(), Tokens.Purpose.RESET, LIFETIME, Duration.ofMinutes(1)))
                .ifPresent(account -> {
                    String token = tokens.issue(account.getId(), Tokens.Purpose.RESET, null, LIFETIME);
                    mails.resetPassword(account.getEmail(), account.getHandle(), account.getLanguage(), token);
                    audit.recordWith(account.getId(), EventKind.PASSWORD_RESET_REQUESTED, null, client);
                });
    }

    /** The account a valid link belongs to. */
    public Optional<Account> accountFor(String token) {
        return tokens.find(token, Tokens.Purpose.RESET).flatMap(t -> accounts.find(t.accountId()));
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result reset(String token, String newPassword, String code, Client client) {
        Optional<Tokens.Token> found = tokens.find(token, Tokens.Purpose.RESET);
        Optional<Account> account = found.flatMap(t -> accounts.find(t.accountId()));
        if (account.isEmpty()) {
            return new Result(Outcome.INVALID_LINK, null, null);
        }
        passwordRule.check(newPassword); // before the second factor, so a refused password uses up no code
        Proof.Result proven = proof.secondFactor(account.get().getId(), code, Action.PASSWORD_RESET, client);
        if (!proven.ok()) {
            return new Result(Outcome.SECOND_FACTOR, proven.verdict(), null);
        }
        return context.getBusinessObject(PasswordReset.class).apply(proven.proven(), found.get(), newPassword, client)
                ? new Result(Outcome.DONE, null, account.get()) : new Result(Outcome.INVALID_LINK, null, null);
    }

    public boolean apply(Proof.Proven proven, Tokens.Token token, String newPassword, Client client) {
        if (proven.accountFor(Action.PASSWORD_RESET) != token.accountId() || !tokens.use(token)) {
            return false;
        }
        Account account = accounts.get(token.accountId());
        account.setPasswordHash(passwords.hash(newPassword));
        throttles.reset(Throttles.passwordKey(account.getEmail()));
        audit.recordWith(account.getId(), EventKind.PASSWORD_RESET, null, client);
        return true;
    }
}
