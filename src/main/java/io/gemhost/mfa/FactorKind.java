package io.gemhost.mfa;

import io.gemhost.audit.Client;
import java.util.Optional;

/**
 * One kind of second factor (an authenticator app, recovery codes, security keys and the
 * command line's security-key codes). SecondFactor asks each kind in turn, under one throttle, one audit shape and one
 * outcome type; no boundary knows which kinds exist. Each kind declares the doors it serves, and
 * SecondFactor never offers it an input that came through another (docs/SECURITY.md). A kind owns its storage and its replay
 * rule: an input it accepts is used up before it says so, also under concurrent requests.
 * Implementations are application-scoped CDI beans over the kind's own transactional storage, so
 * removeAll joins the caller's transaction.
 */
public interface FactorKind {

    /** Where a second factor is given: a page (a browser), or the API (the gem command's OTP header). */
    enum Door { BROWSER, API }

    /** Whether this kind may prove a second factor at this door. */
    boolean serves(Door door);

    /** The order in which SecondFactor asks the kinds: the cheapest and most common first. */
    int order();

    /** Whether this kind reads this input at all (its format), before any lookup. */
    boolean reads(String input);

    /** Checks the input against the account's factor and, if it is right, uses it up; empty if it is not accepted. */
    Optional<SecondFactor.Verdict> use(long accountId, String input, Client client);

    /** Removes every factor of this kind the account has (MFA switched off). */
    void removeAll(long accountId);
}
