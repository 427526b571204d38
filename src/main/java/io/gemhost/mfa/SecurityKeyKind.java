package io.gemhost.mfa;

import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.webauthn.Ceremonies;
import io.gemhost.webauthn.Challenges;
import io.gemhost.webauthn.SecurityKey;
import io.gemhost.webauthn.SecurityKeys;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A security key as a factor kind: an assertion (the browser's PublicKeyCredential JSON) over a
 * challenge this session was given for this account, by one of the account's keys, whose counter
 * moves forward with one conditional update. A counter that goes backwards is refused and logged
 * as a possible cloned key. A primary factor. Browser only: the API takes the code the command-line page made.
 */
@ApplicationScoped
public class SecurityKeyKind implements FactorKind {

    @Inject
    Ceremonies ceremonies;
    @EJB
    Challenges challenges;
    @EJB
    SecurityKeys keys;
    @EJB
    AuditLog audit;
    @Inject
    Clock clock;

    public static final String NAME = "a security device";

    @Override
    public String name() {
        return NAME;
    }

    /** Pages only: a key signs in a browser; the API takes the code the gem client's WebAuthn verification page made (WebauthnVerificationCodes). */
    @Override
    public boolean serves(Door door) {
        return door == Door.BROWSER;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public boolean configuredFor(long accountId) {
        return keys.any(accountId);
    }

    @Override
    public boolean primary() {
        return true;
    }

    /** A key's response has the shape of a JSON object; it is parsed only in use. */
    @Override
    public boolean reads(String input) {
        return input != null && input.startsWith("{");
    }

    /** navigator.credentials.get's options for this account's keys, with a new challenge; empty when it has none. */
    public Optional<String> requestOptions(long accountId) {
        List<String> ids = keys.credentialIds(accountId);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        byte[] challenge = challenges.issue(Challenges.Purpose.SECOND_FACTOR, accountId, clock.millis(), null);
        return Optional.of(ceremonies.requestOptions(challenge, ids, false));
    }

    @Override
    public Optional<SecondFactor.Verdict> use(long accountId, String input, Client client) {
        Optional<Ceremonies.Assertion> assertion = ceremonies.readAssertion(input);
        if (assertion.isEmpty()
                || challenges.take(Challenges.Purpose.SECOND_FACTOR, accountId, assertion.get().challenge(), clock.millis()).isEmpty()) {
            return Optional.empty();
        }
        Optional<SecurityKey> key = keys.byCredential(assertion.get().credentialId()).filter(k -> k.getAccountId() == accountId);
        if (key.isEmpty()) {
            return Optional.empty(); // another account's key, or none: the user handle cannot belong to this account
        }
        return accept(key.get(), assertion.get(), false, client)
                ? Optional.of(SecondFactor.Verdict.accepted(this)) : Optional.empty();
    }

    /** Verifies the assertion by this key and moves its counter; a backwards counter is logged. */
    boolean accept(SecurityKey key, Ceremonies.Assertion assertion, boolean userVerificationRequired, Client client) {
        try {
            long count = ceremonies.verifyAssertion(assertion, assertion.challenge(), key.getCredential(), key.getSignCount(),
                    key.getUserHandle(), userVerificationRequired);
            return keys.advance(key.getId(), key.getSignCount(), count);
        } catch (Ceremonies.Refused refused) {
            if (refused.reason() == Ceremonies.Reason.COUNTER) {
                // in the check's transaction (SecondFactor.tryKind), which commits (the key is refused, not failed)
                audit.recordHere(key.getAccountId(), EventKind.SECURITY_KEY_COUNTER, key.getNickname(), client);
            }
            return false;
        }
    }

    @Override
    public void removeAll(long accountId) {
        keys.removeAll(accountId);
    }
}
