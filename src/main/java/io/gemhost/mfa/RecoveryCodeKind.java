package io.gemhost.mfa;

import io.gemhost.recovery.RecoveryCodeFormat;
import io.gemhost.recovery.RecoveryCodes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import io.gemhost.audit.Client;
import java.util.Optional;

/**
 * Recovery codes as a factor kind: any input that is not an app code is tried as one (at most one
 * password-hash run, found by its lookup part); a matching unused code is used up with a
 * conditional update, so of many parallel uses exactly one succeeds.
 */
@ApplicationScoped
public class RecoveryCodeKind implements FactorKind {

    /** Longer input is no recovery code in any spelling; it is never hashed. */
    static final int MAX_INPUT = 64;

    @Inject
    RecoveryCodes codes;

    /** Both doors: the code a person types, in a page or in the gem command's prompt. */
    @Override
    public boolean serves(Door door) {
        return true;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean reads(String input) {
        return input.length() <= MAX_INPUT && RecoveryCodeFormat.normalize(input).isPresent();
    }

    @Override
    public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
        Optional<Long> code = codes.match(accountId, input);
        if (code.isEmpty() || !codes.consume(code.get())) {
            return Optional.empty();
        }
        return Optional.of(new SecondFactor.Verdict(SecondFactor.Outcome.RECOVERY, Duration.ZERO, codes.remaining(accountId)));
    }

    @Override
    public void removeAll(long accountId) {
        codes.deleteAll(accountId);
    }
}
