package io.gemhost.mfa;

import io.gemhost.Names;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.webauthn.Ceremonies;
import io.gemhost.webauthn.Challenges;
import io.gemhost.webauthn.SecurityKey;
import io.gemhost.webauthn.SecurityKeys;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Registering and deleting security keys, from the profile page's security devices section.
 * With MFA on, both take a current second factor first (a session alone cannot change the
 * account's factors); the account's first primary factor turns MFA on and its last one gone
 * turns it off (Levels.factorAdded, Levels.factorRemoved). Both
 * decisions ("is a current factor needed?", "was that the last factor?") are taken again in the
 * writing transaction under the account's row lock (Accounts.lockFactors), so concurrent
 * requests cannot each see the other's factor.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecurityKeyRegistration {

    public enum Outcome { ADDED, ENABLED, REMOVED, CURRENT_REFUSED, KEY_REFUSED, NICKNAME, TOO_MANY, UNKNOWN }

    /** verdict: why the current factor was refused; codes: the new recovery codes when MFA was just turned on. */
    public record Result(Outcome outcome, SecondFactor.Verdict verdict, List<String> codes) {
        static Result of(Outcome outcome) {
            return new Result(outcome, null, List.of());
        }
    }

    @EJB
    Accounts accounts;
    @EJB
    SecurityKeys keys;
    @Inject
    Ceremonies ceremonies;
    @EJB
    Challenges challenges;
    @EJB
    Proof proof;
    @EJB
    Levels levels;
    @Inject
    SecurityKeyKind kind;
    @EJB
    AuditLog audit;
    @Inject
    Clock clock;
    @Resource
    SessionContext context;

    public List<SecurityKey> list(long accountId) {
        return keys.list(accountId);
    }

    /** navigator.credentials.create's options for a new key of this account (its keys excluded), with a new challenge. */
    public String creationOptions(long accountId, String email, String handle) {
        String userHandle = keys.userHandle(accountId);
        byte[] challenge = challenges.issue(Challenges.Purpose.REGISTER, accountId, clock.millis(), userHandle);
        return ceremonies.creationOptions(challenge, Ceremonies.unb64(userHandle), email, handle, keys.credentialIds(accountId));
    }

    /**
     * Why a new key named {@code nickname} could not be added (NICKNAME or TOO_MANY), before any
     * factor or key is looked at; empty when it could. Register asks it again.
     */
    public Optional<Outcome> refusal(long accountId, String nickname) {
        String name = nickname == null ? "" : nickname.strip();
        if (name.isEmpty() || name.length() > SecurityKeys.MAX_NICKNAME || !Names.isPlain(name)) {
            return Optional.of(Outcome.NICKNAME);
        }
        if (keys.list(accountId).size() >= SecurityKeys.MAX_KEYS) {
            return Optional.of(Outcome.TOO_MANY);
        }
        return Optional.empty();
    }

    public Result register(long accountId, String nickname, String response, String currentCode, Client client) {
        Optional<Outcome> invalid = refusal(accountId, nickname);
        if (invalid.isPresent()) {
            return Result.of(invalid.get());
        }
        String name = nickname.strip();
        Proof.Result current = proof.secondFactor(accountId, currentCode, MfaPolicy.Action.ADD_SECURITY_KEY, client);
        if (!current.ok()) {
            return new Result(Outcome.CURRENT_REFUSED, current.verdict(), List.of());
        }
        Optional<Ceremonies.Registration> registration = ceremonies.readRegistration(response);
        Optional<Challenges.Issued> issued = registration.flatMap(r ->
                challenges.take(Challenges.Purpose.REGISTER, accountId, r.challenge(), clock.millis()));
        if (issued.isEmpty()) {
            return Result.of(Outcome.KEY_REFUSED);
        }
        try {
            Ceremonies.NewKey key = ceremonies.verifyRegistration(registration.get(), registration.get().challenge());
            return context.getBusinessObject(SecurityKeyRegistration.class).store(current.proven(), key, issued.get().note(), name, client);
        } catch (Ceremonies.Refused refused) {
            return Result.of(Outcome.KEY_REFUSED);
        }
    }

    /**
     * One transaction, under the account's lock: the key, and MFA turned on if this is the
     * account's first factor. {@code proven} says whether register proved a current factor;
     * if MFA was switched on since it decided none was needed, nothing is stored and the current
     * factor is asked for.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Result store(Proof.Proven proven, Ceremonies.NewKey key, String userHandle, String nickname, Client client) {
        long accountId = proven.accountFor(MfaPolicy.Action.ADD_SECURITY_KEY);
        Account account = accounts.lockFactors(accountId);
        if (account.getMfaLevel().isOn() && !proven.secondFactor()) {
            return new Result(Outcome.CURRENT_REFUSED, SecondFactor.Verdict.of(SecondFactor.Outcome.MISSING), List.of());
        }
        boolean otherHandle = keys.list(accountId).stream().anyMatch(k -> !k.getUserHandle().equals(userHandle)); // a key registered meanwhile
        if (otherHandle || !keys.add(accountId, key, userHandle, nickname)) {
            return Result.of(Outcome.KEY_REFUSED);
        }
        audit.recordWith(accountId, EventKind.SECURITY_KEY_ADDED, nickname, client);
        return levels.factorAdded(kind, account, client).map(codes -> new Result(Outcome.ENABLED, null, codes))
                .orElseGet(() -> Result.of(Outcome.ADDED));
    }

    public Result remove(long accountId, long keyId, String currentCode, Client client) {
        Proof.Result current = proof.secondFactor(accountId, currentCode, MfaPolicy.Action.REMOVE_SECURITY_KEY, client);
        if (!current.ok()) {
            return new Result(Outcome.CURRENT_REFUSED, current.verdict(), List.of());
        }
        return context.getBusinessObject(SecurityKeyRegistration.class).delete(current.proven(), keyId, client);
    }

    /** One transaction, under the account's lock: the key, and MFA off if it was the account's last factor. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Result delete(Proof.Proven proven, long keyId, Client client) {
        long accountId = proven.accountFor(MfaPolicy.Action.REMOVE_SECURITY_KEY);
        accounts.lockFactors(accountId);
        Optional<SecurityKey> key = keys.list(accountId).stream().filter(k -> k.getId() == keyId).findFirst();
        if (key.isEmpty() || !keys.remove(accountId, keyId)) {
            return Result.of(Outcome.UNKNOWN);
        }
        audit.recordWith(accountId, EventKind.SECURITY_KEY_REMOVED, key.get().getNickname(), client);
        levels.factorRemoved(proven, client); // the last primary factor went: MFA is off
        return Result.of(Outcome.REMOVED);
    }
}
