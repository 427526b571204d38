package io.gemhost.mfa;

import io.gemhost.account.Throttles;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.webauthn.Ceremonies;
import io.gemhost.webauthn.Challenges;
import io.gemhost.webauthn.SecurityKey;
import io.gemhost.webauthn.SecurityKeys;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Signing in with a passkey instead of the password: a discoverable credential whose user handle
 * names the account, with user verification (a PIN or biometric on the device), counts as both
 * factors. Without user verification it is refused: possession alone is one factor. Attempts
 * count on the account's second-factor throttle, before the check.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PasskeySignIn {

    public enum Outcome { SIGNED_IN, REFUSED, PAUSED }

    public record Result(Outcome outcome, long accountId, Duration retryAfter) {
    }

    @Inject
    Ceremonies ceremonies;
    @Inject
    Challenges challenges;
    @Inject
    SecurityKeys keys;
    @Inject
    SecurityKeyKind securityKeys;
    @Inject
    Throttles throttles;
    @Inject
    AuditLog audit;
    @Inject
    Clock clock;

    /** navigator.credentials.get's options for any passkey of this site, user verification required. */
    public String requestOptions() {
        return ceremonies.requestOptions(challenges.issue(Challenges.Purpose.PASSKEY, 0, clock.millis(), null), List.of(), true);
    }

    public Result signIn(String response, Client client) {
        Optional<Ceremonies.Assertion> assertion = ceremonies.readAssertion(response);
        if (assertion.isEmpty() || challenges.take(Challenges.Purpose.PASSKEY, 0, assertion.get().challenge(), clock.millis()).isEmpty()) {
            return new Result(Outcome.REFUSED, 0, Duration.ZERO);
        }
        Optional<SecurityKey> key = keys.byCredential(assertion.get().credentialId());
        if (key.isEmpty()) {
            return new Result(Outcome.REFUSED, 0, Duration.ZERO);
        }
        long accountId = key.get().getAccountId();
        String throttle = Throttles.secondFactorKey(accountId);
        Throttles.Attempt attempt = throttles.attempt(throttle, true);
        if (!attempt.allowed()) {
            return new Result(Outcome.PAUSED, accountId, attempt.retryAfter());
        }
        if (!securityKeys.accept(key.get(), assertion.get(), true, client)) {
            audit.record(accountId, EventKind.OTP_FAILED, "passkey", client);
            return new Result(Outcome.REFUSED, accountId, attempt.pauseIfFailed());
        }
        throttles.reset(throttle);
        return new Result(Outcome.SIGNED_IN, accountId, Duration.ZERO);
    }
}
