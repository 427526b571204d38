package io.gemhost.mfa;

import io.gemhost.audit.Client;
import java.util.Optional;

/**
 * One kind of second factor (the authenticator app, recovery codes, security keys, the code of
 * the gem client's WebAuthn verification), complete: it answers for itself what it is called,
 * whether an account has one, whether it counts as a primary factor, which inputs it reads and
 * at which doors, how an input is used up, and how its factors are removed. SecondFactor asks the
 * kinds in turn under one throttle, one audit shape and one outcome type; Levels turns MFA on and
 * off from the primary kinds alone; nothing else names a kind (docs/ARCHITECTURE.md, "Adding a
 * kind of second factor"). SecondFactor never offers a kind an input that came through a door it
 * does not serve (docs/SECURITY.md). A kind owns its storage and its replay rule: an input it
 * accepts is used up before it says so, also under concurrent requests. Implementations are
 * application-scoped CDI beans over the kind's own transactional storage, so configuredFor, use
 * and removeAll join the caller's transaction.
 */
public interface FactorKind {

    /** Where a second factor is given: a page (a browser), or the API (the gem command's OTP header). */
    enum Door { BROWSER, API }

    /**
     * What the security log and an accepted Verdict call this kind, as the words after "with"
     * ("the authenticator app"); one name per kind.
     */
    String name();

    /** Whether this kind may prove a second factor at this door. */
    boolean serves(Door door);

    /** The order in which SecondFactor asks the kinds: the cheapest and most common first. */
    int order();

    /** Whether the account has a factor of this kind now. */
    boolean configuredFor(long accountId);

    /**
     * Whether this is a primary second factor: the account's first one turns MFA on, and when its
     * last one goes MFA is off (Levels). Recovery codes are not: they come with MFA and stand in
     * for a primary factor, so no account is left with them alone.
     */
    boolean primary();

    /**
     * Whether this kind reads this input at all (its format), before any lookup. The kinds are
     * asked in order and the first that reads an input is the only one that checks it.
     */
    boolean reads(String input);

    /**
     * This input (one this kind reads) as the API's code window compares it, so that the gem
     * client's repeat of one code in another spelling is the same code; as given by default.
     */
    default String canonical(String input) {
        return input;
    }

    /**
     * Whether an accepted input of this kind unlocks a second factor locked after 100 failures,
     * where only the mailed password-reset link offers it (SecondFactor.verifyOrUnlock). Only
     * recovery codes do.
     */
    default boolean unlocks() {
        return false;
    }

    /**
     * Checks the input against the account's factors of this kind and, if it is right, uses it up
     * (in the check's transaction: SecondFactor.tryKind); an accepted Verdict (Verdict.accepted) or empty.
     */
    Optional<SecondFactor.Verdict> use(long accountId, String input, Client client);

    /** Removes every factor of this kind the account has, and what it keeps pending (MFA switched off). */
    void removeAll(long accountId);
}
