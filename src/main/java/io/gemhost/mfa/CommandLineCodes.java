package io.gemhost.mfa;

import io.gemhost.audit.Client;
import io.gemhost.webauthn.CommandLineTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The code the command line's security-key page made, as a factor kind: 32 hex digits, of this
 * account, used once, within two minutes. The gem client sends it in the OTP header like any
 * other code (and the API's code window lets it repeat it within one command). It serves the API
 * only: whoever started the flow (with a key or the password) reads the code, so in a page it
 * would be a second factor that a password alone can obtain.
 */
@ApplicationScoped
public class CommandLineCodes implements FactorKind {

    @Inject
    CommandLineTokens tokens;

    @Override
    public boolean serves(Door door) {
        return door == Door.API;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public boolean reads(String input) {
        return CommandLineTokens.isCode(input);
    }

    @Override
    public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
        return tokens.useCode(accountId, input) ? Optional.of(SecondFactor.Verdict.of(SecondFactor.Outcome.SECURITY_KEY)) : Optional.empty();
    }

    @Override
    public void removeAll(long accountId) {
        tokens.removeAll(accountId);
    }
}
