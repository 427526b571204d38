package io.gemhost.mfa;

import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.MfaLevel;
import io.gemhost.config.Settings;
import io.gemhost.account.SignIn;
import io.gemhost.audit.Client;
import io.gemhost.mfa.MfaPolicy.Action;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * The one step "the password, then a second factor if MfaPolicy asks for this action" that every
 * sensitive action of a signed-in person (or a mailed link) goes through. Each check counts on
 * its own throttle and commits on its own, so a failure is counted though the action does not
 * happen.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Proof {

    public enum Outcome { OK, WRONG_PASSWORD, PASSWORD_PAUSED, SECOND_FACTOR }

    /**
     * With SECOND_FACTOR, verdict says why the code was not taken; with PASSWORD_PAUSED,
     * retryAfter how long the password throttle makes the account wait. With OK, verdict is the
     * accepted code's (null when the action asked for none).
     */
    public record Result(Outcome outcome, SecondFactor.Verdict verdict, Duration retryAfter, Proven proven) {
        /** OK, and Proof's proof with it: an outcome without a proof never counts as proven. */
        public boolean ok() {
            return outcome == Outcome.OK && proven != null;
        }

        /** Whether a second factor was asked for and accepted (not merely: none was needed). */
        public boolean gaveSecondFactor() {
            return ok() && proven.secondFactor;
        }

        static Result of(Outcome outcome) {
            return new Result(outcome, null, Duration.ZERO, null);
        }
    }

    /**
     * What the account proved for an action: a value only Proof makes, which every method that
     * applies a change after a proof requires (Levels.apply, PasswordChange.apply, ...), so no code
     * can apply such a change without having gone through Proof.
     */
    public static final class Proven {
        private final long accountId;
        private final Action action;
        private final boolean secondFactor;

        private Proven(long accountId, Action action, boolean secondFactor) {
            this.accountId = accountId;
            this.action = action;
            this.secondFactor = secondFactor;
        }

        /** The account this proves one of {@code expected} for; any other use is a programming error, refused. */
        public long accountFor(Action... expected) {
            if (!java.util.List.of(expected).contains(action)) {
                throw new IllegalStateException("a proof of " + action + " does not prove " + java.util.List.of(expected));
            }
            return accountId;
        }

        /** Whether a second factor was given (not merely: none was needed). */
        public boolean secondFactor() {
            return secondFactor;
        }
    }

    @EJB
    Accounts accounts;
    @EJB
    SignIn signIn;
    @EJB
    SecondFactor secondFactor;
    @Inject
    Settings settings;

    /** The account's current password (on the sign-in throttle), then its second factor if the action needs one. */
    public Result passwordAndSecondFactor(long accountId, String password, String code, Action action, String purpose, Client client) {
        SignIn.Result check = signIn.recheck(accountId, password, purpose, client);
        if (check.outcome() == SignIn.Outcome.PAUSED) {
            return new Result(Outcome.PASSWORD_PAUSED, null, check.retryAfter(), null);
        }
        if (check.outcome() != SignIn.Outcome.OK) {
            return Result.of(Outcome.WRONG_PASSWORD);
        }
        return secondFactor(accountId, code, action, client);
    }

    /** A second factor, if MfaPolicy asks for one for this action at the account's level. */
    public Result secondFactor(long accountId, String code, Action action, Client client) {
        if (!needsSecondFactor(accountId, action)) {
            return new Result(Outcome.OK, null, Duration.ZERO, new Proven(accountId, action, false));
        }
        SecondFactor.Verdict verdict = action == Action.PASSWORD_RESET
                ? secondFactor.verifyOrUnlock(accountId, code, client) // the mailed link proves the mailbox: a recovery code may unlock
                : secondFactor.verify(accountId, code, client);
        return verdict.ok() ? new Result(Outcome.OK, verdict, Duration.ZERO, new Proven(accountId, action, true))
                : new Result(Outcome.SECOND_FACTOR, verdict, Duration.ZERO, null);
    }

    /**
     * An operator acting on an account (docs/SECURITY.md, "Operators"): the operator's own
     * session gave both factors; this proves {@code action} on {@code accountId} only for an operator.
     */
    public Proven byOperator(long operatorId, long accountId, Action action) {
        if (!isOperator(operatorId)) {
            throw new GemhostException("error.admin.forbidden");
        }
        return new Proven(accountId, action, false);
    }

    /**
     * Listed in GEMHOST_ADMIN_EMAILS, the address confirmed from its mailbox (else anyone could
     * sign up with a listed address nobody registered yet), and MFA on (signed in with both factors).
     */
    public boolean isOperator(Long accountId) {
        return accountId != null && accounts.find(accountId)
                .filter(Account::isEmailConfirmed)
                .filter(a -> MfaPolicy.requiresOtp(a.getMfaLevel(), Action.UI_SIGN_IN, false))
                .filter(a -> settings.adminEmails().contains(a.getEmail().toLowerCase(Locale.ROOT)))
                .isPresent();
    }

    /** The API's password step (gem signin's Basic credentials): on the sign-in throttle of the email as typed. */
    public SignIn.Result password(String email, String password, Client client) {
        return signIn.password(email, password, client);
    }

    /**
     * The API's door: a second factor if MfaPolicy asks it of this caller for this action (at
     * the account's level, and for a key made with MFA), with the gem client's code window
     * (SecondFactor.verifyApi).
     */
    public Result apiSecondFactor(long accountId, MfaLevel level, boolean keyMadeWithMfa, String code, Action action, Client client) {
        if (!MfaPolicy.requiresOtp(level, action, keyMadeWithMfa)) {
            return new Result(Outcome.OK, null, Duration.ZERO, new Proven(accountId, action, false));
        }
        SecondFactor.Verdict verdict = secondFactor.verifyApi(accountId, code, client);
        return verdict.ok() ? new Result(Outcome.OK, verdict, Duration.ZERO, new Proven(accountId, action, true))
                : new Result(Outcome.SECOND_FACTOR, verdict, Duration.ZERO, null);
    }

    /** Whether this action will ask this account for a second factor (so a page shows the field). */
    public boolean needsSecondFactor(long accountId, Action action) {
        return accounts.find(accountId).map(a -> needsSecondFactor(a.getMfaLevel(), action)).orElse(false);
    }

    /** Whether this action asks an account at this level for a second factor (the browser's sign-in reads it so). */
    public static boolean needsSecondFactor(MfaLevel level, Action action) {
        return MfaPolicy.requiresOtp(level, action, false);
    }
}
