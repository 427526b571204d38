package io.gemhost.mfa;

import io.gemhost.totp.Totp;
import io.gemhost.totp.TotpKey;
import io.gemhost.totp.TotpKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import io.gemhost.audit.Client;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The authenticator app as a factor kind: six ASCII digits, right for the current step or one
 * either side, and newer than the last step accepted, which the conditional update in TotpKeys
 * moves forward atomically (a code never works twice, on any node).
 */
@ApplicationScoped
public class AppCodes implements FactorKind {

    @Inject
    TotpKeys keys;
    @Inject
    Clock clock;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean reads(String input) {
        return Totp.isTotpCandidate(input);
    }

    @Override
    public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
        Optional<TotpKey> stored = keys.find(accountId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong step = Totp.verify(keys.keyOf(stored.get()), input, stored.get().getLastStep(), clock);
        return step.isPresent() && keys.consume(accountId, step.getAsLong())
                ? Optional.of(SecondFactor.Verdict.of(SecondFactor.Outcome.TOTP)) : Optional.empty();
    }

    @Override
    public void removeAll(long accountId) {
        keys.delete(accountId);
    }
}
