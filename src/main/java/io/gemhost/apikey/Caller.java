package io.gemhost.apikey;

import io.gemhost.account.MfaLevel;
import io.gemhost.gems.Rubygem;
import java.time.Instant;
import java.util.Set;

/**
 * Who an API request comes from, as the guard established it; resources read it, never re-check.
 * A key's terms travel with it: {@code expiresAt} (null: never), and {@code gems}, the gems the
 * key may act on, by {@link Rubygem#key} (empty: any gem the account owns). {@code gemsHeld} says
 * whether the account still owns every gem of that set; a key whose account lost one is invalid
 * (docs/SECURITY.md, "API keys").
 */
public record Caller(long accountId, String email, String handle, MfaLevel level, Long keyId, Set<Scope> scopes, boolean keyMfa,
        Instant expiresAt, Set<String> gems, boolean gemsHeld) {

    public static final String ATTRIBUTE = "io.gemhost.api.caller";

    public Caller {
        gems = Set.copyOf(gems);
        scopes = Set.copyOf(scopes);
    }

    /** A caller without terms: the password (Basic), or a key that never expires and serves any gem of its account. */
    public Caller(long accountId, String email, String handle, MfaLevel level, Long keyId, Set<Scope> scopes, boolean keyMfa) {
        this(accountId, email, handle, level, keyId, scopes, keyMfa, null, Set.of(), true);
    }

    /** Whether the key has expired at {@code now}; checked at every use, so a cached caller expires on time. */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * The one rule of a key's gems: whether this caller may act on the gem named {@code gemName}
     * (that the account owns it is the gem service's own check). A key limited to gems acts on
     * those only, a new gem included.
     */
    public boolean mayActOn(String gemName) {
        return gems.isEmpty() || (gemName != null && gems.contains(Rubygem.key(gemName)));
    }
}
