package io.gemhost.mfa;

import io.gemhost.account.Throttles;
import io.gemhost.audit.Client;
import io.gemhost.webauthn.Ceremonies;
import io.gemhost.webauthn.Challenges;
import io.gemhost.webauthn.SecurityKey;
import io.gemhost.webauthn.SecurityKeys;
import jakarta.ejb.EJB;
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
 * factors. Without user verification it is refused: possession alone is one factor. An attempt
 * with a registered credential and this session's challenge counts, before its signature is
 * checked, on the client address's passkey throttle (pauses only): an attempt
 * names an account only by a credential id, which is no secret, so until it verifies it must
 * not count on that account's lockable throttle. A pause or lock the account's second factor
 * already has (from other doors) still holds here.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PasskeySignIn {

    public enum Outcome { SIGNED_IN, REFUSED, PAUSED }

    public record Result(Outcome outcome, long accountId, Duration retryAfter) {
    }

    @Inject
    Ceremonies ceremonies;
    @EJB
    Challenges challenges;
    @EJB
    SecurityKeys keys;
    @Inject
    SecurityKeyKind securityKeys;
    @EJB
    Throttles throttles;
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
        String account = Throttles.secondFactorKey(accountId);
        Optional<Duration> held = throttles.pause(account); // read only: this attempt is not counted there
        if (held.isPresent()) {
            return new Result(Outcome.PAUSED, accountId, held.get());
        }
        String address = Throttles.passkeyKey(client.ip());
        Throttles.Attempt attempt = throttles.attempt(address, false);
        if (!attempt.allowed()) {
            return new Result(Outcome.PAUSED, 0, attempt.retryAfter());
        }
        if (!securityKeys.accept(key.get(), assertion.get(), true, client)) {
            // the address's throttle, never the account's lock (docs/SECURITY.md, "Throttles"); the holder is still told
            Throttles.Failed failed = throttles.failed(attempt, false, accountId, "passkey", client);
            return new Result(Outcome.REFUSED, accountId, failed.retryAfter());
        }
        throttles.reset(address);
        throttles.reset(account);
        return new Result(Outcome.SIGNED_IN, accountId, Duration.ZERO);
    }
}
