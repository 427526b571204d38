package io.gemhost.apikey;

import io.gemhost.account.MfaLevel;
import java.util.Set;

/** Who an API request comes from, as the guard established it; resources read it, never re-check. */
public record Caller(long accountId, String email, String handle, MfaLevel level, Long keyId, Set<Scope> scopes, boolean keyMfa) {

    public static final String ATTRIBUTE = "io.gemhost.api.caller";
}
