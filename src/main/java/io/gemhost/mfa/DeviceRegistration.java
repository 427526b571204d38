package io.gemhost.mfa;

import io.gemhost.audit.Client;
import io.gemhost.totp.Enrollment;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Registering an authenticator app. The first one needs only a code from the new app; replacing
 * one also needs a current second factor (a code of the registered app, or a recovery code), so
 * a session alone (a stolen cookie, an unlocked laptop) cannot take the account's factor over.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeviceRegistration {

    /** Either the current factor was refused (current), or the registration's own result (enrollment). */
    public record Result(SecondFactor.Verdict current, Enrollment.Result enrollment) {
    }

    @Inject
    Proof proof;
    @Inject
    Enrollment enrollment;

    public Result register(long accountId, String sessionKey, String currentCode, String newCode, Client client) {
        Proof.Result current = proof.secondFactor(accountId, currentCode, MfaPolicy.Action.REPLACE_DEVICE, client);
        if (!current.ok()) {
            return new Result(current.verdict(), null);
        }
        Enrollment.Result enrolled = enrollment.confirm(accountId, sessionKey, newCode, current.gaveSecondFactor(), client);
        if (enrolled.outcome() == Enrollment.Outcome.CURRENT_NEEDED) { // MFA was switched on meanwhile: now a current factor is needed
            return new Result(SecondFactor.Verdict.of(SecondFactor.Outcome.MISSING), null);
        }
        return new Result(null, enrolled);
    }
}
