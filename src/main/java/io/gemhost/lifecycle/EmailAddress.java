package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
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
import java.time.Instant;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Proving an email address: the link mailed at sign-up (or to a new address on a change) is
 * single use and lives 24 hours. With MFA on, following it asks for the second factor, as
 * rubygems.org does. A change needs the password and, with MFA on, a code; the old address is
 * told of the request and of the change.
 */
@Stateless
public class EmailAddress {

    @Inject
    Clock clock;

    public static final Duration LIFETIME = Duration.ofHours(24);

    public enum Outcome { CONFIRMED, CHANGED, REQUESTED, INVALID_LINK, SECOND_FACTOR, WRONG_PASSWORD, PASSWORD_PAUSED, TAKEN }

    /** With PASSWORD_PAUSED, retryAfter says how long the password throttle makes the account wait. */
    public record Result(Outcome outcome, SecondFactor.Verdict verdict, Duration retryAfter) {
        Result(Outcome outcome, SecondFactor.Verdict verdict) {
            this(outcome, verdict, Duration.ZERO);
        }

        static Result of(Outcome outcome) {
            return new Result(outcome, null);
        }
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
    @Resource
    SessionContext context;

    public void sendConfirmation(long accountId) {
        Account account = accounts.get(accountId);
        if (!account.isEmailConfirmed() && !tokens.issuedWithin(accountId, Tokens.Purpose.CONFIRM, LIFETIME, Duration.ofMinutes(1))) {
            mails.confirmEmail(account.getEmail(), account.getHandle(), account.getLanguage(), tokens.issue(accountId, Tokens.Purpose.CONFIRM, null, LIFETIME));
        }
    }

    /** The valid confirmation or change link's token, of either purpose. */
    public Optional<Tokens.Token> check(String token) {
        return tokens.find(token, Tokens.Purpose.CONFIRM).or(() -> tokens.find(token, Tokens.Purpose.EMAIL_CHANGE));
    }

    public boolean needsSecondFactor(Tokens.Token token) {
        return proof.needsSecondFactor(token.accountId(), Action.EMAIL_CONFIRM);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result follow(String token, String code, Client client) {
        Optional<Tokens.Token> found = check(token);
        if (found.isEmpty()) {
            return Result.of(Outcome.INVALID_LINK);
        }
        Proof.Result proven = proof.secondFactor(found.get().accountId(), code, Action.EMAIL_CONFIRM, client);
        if (!proven.ok()) {
            return new Result(Outcome.SECOND_FACTOR, proven.verdict());
        }
        return Result.of(context.getBusinessObject(EmailAddress.class).apply(proven.proven(), found.get(), client));
    }

    public Outcome apply(Proof.Proven proven, Tokens.Token token, Client client) {
        if (proven.accountFor(Action.EMAIL_CONFIRM) != token.accountId()) {
            return Outcome.INVALID_LINK;
        }
        Account account = accounts.get(token.accountId());
        if (token.purpose() == Tokens.Purpose.EMAIL_CHANGE
                && accounts.findByEmail(token.newEmail()).filter(other -> !other.getId().equals(account.getId())).isPresent()) {
            return Outcome.TAKEN;
        }
        if (!tokens.use(token)) {
            return Outcome.INVALID_LINK;
        }
        Instant now = clock.instant();
        if (token.purpose() == Tokens.Purpose.CONFIRM) {
            account.confirmEmail(now);
            audit.recordWith(account.getId(), EventKind.EMAIL_CONFIRMED, null, client);
            return Outcome.CONFIRMED;
        }
        // recorded before the change, so the notice goes to the old address
        audit.recordWith(account.getId(), EventKind.EMAIL_CHANGED, "to " + token.newEmail(), client);
        account.changeEmail(token.newEmail(), now);
        return Outcome.CHANGED;
    }

    /** Mails a link to the new address once the password (and, with MFA on, a code) is right. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result requestChange(long accountId, String newEmail, String password, String code, Client client) {
        Proof.Result proven = proof.passwordAndSecondFactor(accountId, password, code, Action.EMAIL_CHANGE, "an email change", client);
        switch (proven.outcome()) {
            case PASSWORD_PAUSED -> {
                return new Result(Outcome.PASSWORD_PAUSED, null, proven.retryAfter());
            }
            case WRONG_PASSWORD -> {
                return Result.of(Outcome.WRONG_PASSWORD);
            }
            case SECOND_FACTOR -> {
                return new Result(Outcome.SECOND_FACTOR, proven.verdict());
            }
            case OK -> { }
        }
        if (accounts.findByEmail(newEmail).isPresent()) {
            return Result.of(Outcome.TAKEN);
        }
        context.getBusinessObject(EmailAddress.class).issueChange(accountId, newEmail.trim(), client);
        return Result.of(Outcome.REQUESTED);
    }

    public void issueChange(long accountId, String newEmail, Client client) {
        Account account = accounts.get(accountId);
        mails.changeEmail(newEmail, account.getHandle(), account.getLanguage(), tokens.issue(accountId, Tokens.Purpose.EMAIL_CHANGE, newEmail, LIFETIME));
        audit.recordWith(accountId, EventKind.EMAIL_CHANGE_REQUESTED, "to " + newEmail, client);
    }
}
