package io.gemhost.mfa;

import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.Throttles;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.totp.Enrollment;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Registering an authenticator app, from its page. The first one needs only a code from the new
 * app; replacing one also needs a current second factor (a code of the registered app, or a
 * recovery code), so a session alone (a stolen cookie, an unlocked laptop) cannot take the
 * account's factor over. The account's first primary factor turns MFA on (Levels.factorAdded).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuthenticatorRegistration {

    /** Either the current factor was refused (current), or the registration's own result (enrollment). */
    public record Result(SecondFactor.Verdict current, Enrollment.Result enrollment) {
    }

    @EJB
    Proof proof;
    @EJB
    Enrollment enrollment;
    @EJB
    Accounts accounts;
    @EJB
    Levels levels;
    @Inject
    AppCodes kind;
    @EJB
    Throttles throttles;
    @EJB
    AuditLog audit;
    @Resource
    SessionContext context;

    public Result register(long accountId, String sessionKey, String currentCode, String newCode, Client client) {
        Proof.Result current = proof.secondFactor(accountId, currentCode, MfaPolicy.Action.REPLACE_AUTHENTICATOR, client);
        if (!current.ok()) {
            return new Result(current.verdict(), null);
        }
        Enrollment.Checked checked = enrollment.check(accountId, sessionKey, newCode, client);
        if (checked.refusal() != null) {
            return new Result(null, checked.refusal());
        }
        Enrollment.Result enrolled;
        try {
            enrolled = context.getBusinessObject(AuthenticatorRegistration.class).activate(current.proven(), checked, client);
        } catch (GemhostException alreadyDone) { // the pending key went meanwhile (another request installed it)
            return new Result(null, new Enrollment.Result(Enrollment.Outcome.EXPIRED, List.of(), Duration.ZERO));
        }
        if (enrolled.outcome() == Enrollment.Outcome.CURRENT_NEEDED) { // MFA was switched on meanwhile: now a current factor is needed
            return new Result(SecondFactor.Verdict.of(SecondFactor.Outcome.MISSING), null);
        }
        throttles.reset(Throttles.secondFactorKey(accountId));
        return new Result(null, enrolled);
    }

    /**
     * One transaction, under the account's lock (Accounts.lockFactors): the checked key becomes the
     * account's key, and MFA is on. If MFA was switched on since register's proof decided that no
     * current factor was needed, nothing changes.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Enrollment.Result activate(Proof.Proven proven, Enrollment.Checked checked, Client client) {
        long accountId = proven.accountFor(MfaPolicy.Action.REPLACE_AUTHENTICATOR);
        if (checked.accountId() != accountId) {
            throw new IllegalStateException("a proof of one account installs no key of another");
        }
        Account account = accounts.lockFactors(accountId);
        if (account.getMfaLevel().isOn() && !proven.secondFactor()) {
            return new Enrollment.Result(Enrollment.Outcome.CURRENT_NEEDED, List.of(), Duration.ZERO);
        }
        boolean replacing = enrollment.install(checked);
        return levels.factorAdded(kind, account, client)
                .map(codes -> new Enrollment.Result(Enrollment.Outcome.ENABLED, codes, Duration.ZERO))
                .orElseGet(() -> { // MFA stays at its level with its recovery codes
                    audit.recordWith(accountId, replacing ? EventKind.DEVICE_REPLACED : EventKind.AUTHENTICATOR_ADDED, null, client);
                    return new Enrollment.Result(replacing ? Enrollment.Outcome.REPLACED : Enrollment.Outcome.ADDED, List.of(), Duration.ZERO);
                });
    }
}
