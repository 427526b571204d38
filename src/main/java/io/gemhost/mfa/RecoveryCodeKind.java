package io.gemhost.mfa;

import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.recovery.RecoveryCodeFormat;
import io.gemhost.recovery.RecoveryCodes;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Recovery codes as a factor kind: an input in a recovery code's format is tried as one (at most
 * one password-hash run, found by its lookup part); a matching unused code is used up with a
 * conditional update, so of many parallel uses exactly one succeeds, and the use is logged with
 * what is left. Not a primary factor: the codes come with MFA (Levels.factorAdded) and go with
 * it. The one kind that unlocks a locked second factor, on a password reset.
 */
@ApplicationScoped
public class RecoveryCodeKind implements FactorKind {

    public static final String NAME = "a recovery code";

    /** Longer input is no recovery code in any spelling; it is never hashed. */
    static final int MAX_INPUT = 64;

    @EJB
    RecoveryCodes codes;
    @EJB
    AuditLog audit;

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
        return 20;
    }

    @Override
    public boolean configuredFor(long accountId) {
        return codes.remaining(accountId) > 0;
    }

    @Override
    public boolean primary() {
        return false;
    }

    @Override
    public boolean reads(String input) {
        return input.length() <= MAX_INPUT && RecoveryCodeFormat.normalize(input).isPresent();
    }

    @Override
    public String canonical(String input) {
        return RecoveryCodeFormat.normalize(input).orElse(input);
    }

    @Override
    public boolean unlocks() {
        return true;
    }

    /** In the check's transaction (SecondFactor.tryKind), which also logs the use with what is left. */
    @Override
    public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
        Optional<Long> code = codes.match(accountId, input);
        if (code.isEmpty() || !codes.consume(code.get())) {
            return Optional.empty();
        }
        long left = codes.remaining(accountId);
        audit.recordWith(accountId, EventKind.RECOVERY_CODE_USED, left + " left", client);
        return Optional.of(SecondFactor.Verdict.accepted(this, left));
    }

    @Override
    public void removeAll(long accountId) {
        codes.deleteAll(accountId);
    }
}
