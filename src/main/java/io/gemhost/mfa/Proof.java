package io.gemhost.mfa;

import io.gemhost.account.Accounts;
import io.gemhost.account.SignIn;
import io.gemhost.audit.Client;
import io.gemhost.mfa.MfaPolicy.Action;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;

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
    public record Result(Outcome outcome, SecondFactor.Verdict verdict, Duration retryAfter) {
        public boolean ok() {
            return outcome == Outcome.OK;
        }

        /** Whether a second factor was asked for and accepted (not merely: none was needed). */
        public boolean gaveSecondFactor() {
            return outcome == Outcome.OK && verdict != null && verdict.ok();
        }

        static Result of(Outcome outcome) {
            return new Result(outcome, null, Duration.ZERO);
        }
    }

    @Inject
    Accounts accounts;
    @Inject
    SignIn signIn;
    @Inject
    SecondFactor secondFactor;

    /** The account's current password (on the sign-in throttle), then its second factor if the action needs one. */
    public Result passwordAndSecondFactor(long accountId, String password, String code, Action action, String purpose, Client client) {
        SignIn.Result check = signIn.recheck(accountId, password, purpose, client);
        if (check.outcome() == SignIn.Outcome.PAUSED) {
            return new Result(Outcome.PASSWORD_PAUSED, null, check.retryAfter());
        }
        if (check.outcome() != SignIn.Outcome.OK) {
            return Result.of(Outcome.WRONG_PASSWORD);
        }
        return secondFactor(accountId, code, action, client);
    }

    /** A second factor, if MfaPolicy asks for one for this action at the account's level. */
    public Result secondFactor(long accountId, String code, Action action, Client client) {
        if (!needsSecondFactor(accountId, action)) {
            return Result.of(Outcome.OK);
        }
        SecondFactor.Verdict verdict = action == Action.PASSWORD_RESET
                ? secondFactor.verifyOrUnlock(accountId, code, client) // the mailed link proves the mailbox: a recovery code may unlock
                : secondFactor.verify(accountId, code, client);
        return new Result(verdict.ok() ? Outcome.OK : Outcome.SECOND_FACTOR, verdict, Duration.ZERO);
    }

    /** Whether this action will ask this account for a second factor (so a page shows the field). */
    public boolean needsSecondFactor(long accountId, Action action) {
        return accounts.find(accountId).map(a -> MfaPolicy.requiresOtp(a.getMfaLevel(), action, false)).orElse(false);
    }
}
