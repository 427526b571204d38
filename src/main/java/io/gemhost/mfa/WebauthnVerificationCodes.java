package io.gemhost.mfa;

import io.gemhost.audit.Client;
import io.gemhost.webauthn.SecurityKeys;
import io.gemhost.webauthn.WebauthnVerificationTokens;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The code the gem client's WebAuthn verification page made (WebauthnVerification), as a factor
 * kind: 32 hex digits, of this account, used once, within two minutes. The gem client sends it in
 * the OTP header like any other code (and the API's code window lets it repeat it within one
 * command). It serves the API only: whoever started the flow (with a key or the password) reads
 * the code, so in a page it would be a second factor that a password alone can obtain. Not a
 * primary factor: it stands for one of the account's security keys, which is.
 */
@ApplicationScoped
public class WebauthnVerificationCodes implements FactorKind {

    public static final String NAME = "a security device, through the gem client's WebAuthn verification";

    @EJB
    WebauthnVerificationTokens tokens;
    @EJB
    SecurityKeys keys;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(Door door) {
        return door == Door.API;
    }

    @Override
    public int order() {
        return 40;
    }

    /** The account can get such a code: it has a security key to verify with. */
    @Override
    public boolean configuredFor(long accountId) {
        return keys.any(accountId);
    }

    @Override
    public boolean primary() {
        return false;
    }

    @Override
    public boolean reads(String input) {
        return WebauthnVerificationTokens.isCode(input);
    }

    @Override
    public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
        return tokens.useCode(accountId, input) ? Optional.of(SecondFactor.Verdict.accepted(this)) : Optional.empty();
    }

    @Override
    public void removeAll(long accountId) {
        tokens.removeAll(accountId);
    }
}
