package io.gemhost.mfa;

import io.gemhost.audit.Client;
import io.gemhost.totp.Enrollment;
import io.gemhost.totp.Totp;
import io.gemhost.totp.TotpKeys;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The authenticator app as a factor kind: six ASCII digits, right for the current step or one
 * either side, and newer than the last step accepted, which TotpKeys.use moves forward with one
 * conditional update (a code never works twice, on any node). A primary factor.
 */
@ApplicationScoped
public class AppCodes implements FactorKind {

    public static final String NAME = "the authenticator app";

    @EJB
    TotpKeys keys;
    @EJB
    Enrollment enrollment;

    @Override
    public String name() {
        return NAME;
    }

    /** Both doors: the code a person types, in a page or in the gem command's prompt. */
    @Override
    public boolean serves(Door door) {
        return true;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public boolean configuredFor(long accountId) {
        return keys.find(accountId).isPresent();
    }

    @Override
    public boolean primary() {
        return true;
    }

    @Override
    public boolean reads(String input) {
        return Totp.isTotpCandidate(input);
    }

    @Override
    public String canonical(String input) {
        return input.strip();
    }

    @Override
    public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
        return keys.use(accountId, input) ? Optional.of(SecondFactor.Verdict.accepted(this)) : Optional.empty();
    }

    /** The key, and any key a session is still registering. */
    @Override
    public void removeAll(long accountId) {
        keys.delete(accountId);
        enrollment.discardPending(accountId);
    }
}
