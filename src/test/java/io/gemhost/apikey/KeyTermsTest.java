package io.gemhost.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.GemhostException;
import io.gemhost.account.MfaLevel;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key's terms as both doors read them, and the Caller's rules of expiry and gems. */
class KeyTermsTest {

    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    static String refusal(Runnable r) {
        return assertThrows(GemhostException.class, r::run).messageKey();
    }

    @Test
    void anExpiryIsIso8601AtLeastAMinuteAheadAndBlankIsNever() {
        assertEquals(Optional.empty(), KeyTerms.expiresAt(null, NOW, "Expires at"));
        assertEquals(Optional.empty(), KeyTerms.expiresAt("  ", NOW, "Expires at"));
        assertEquals(Optional.of(NOW.plusSeconds(60)), KeyTerms.expiresAt("2030-06-01T12:01:00Z", NOW, "Expires at"));
        assertEquals(Optional.of(Instant.parse("2030-06-01T13:00:00Z")), KeyTerms.expiresAt("2030-06-01T15:00:00+02:00", NOW, "x"));
        assertEquals(Optional.of(Instant.parse("2030-06-01T12:30:00Z")), KeyTerms.expiresAt("2030-06-01T12:30", NOW, "x"), "no offset: UTC");
        assertEquals(Optional.of(Instant.parse("2030-06-02T00:00:00Z")), KeyTerms.expiresAt("2030-06-02", NOW, "x"));
        assertEquals("apiKey.expiresAt.past", refusal(() -> KeyTerms.expiresAt("2030-06-01T12:00:59Z", NOW, "x")));
        assertEquals("apiKey.expiresAt.past", refusal(() -> KeyTerms.expiresAt("1999-01-01T00:00:00Z", NOW, "x")));
        for (String bad : new String[] {"soon", "2030-13-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "1e10", "2030-06-01T12:30:00Z ".repeat(3),
                "2030-06-01T12:30:00+99:00"}) {
            assertEquals("apiKey.expiresAt.format", refusal(() -> KeyTerms.expiresAt(bad, NOW, "x")), bad);
        }
        GemhostException named = assertThrows(GemhostException.class, () -> KeyTerms.expiresAt("soon", NOW, "Expiration"));
        assertEquals("Expiration", named.args()[0]);
    }

    @Test
    void aNameIsPrintableAndAtMost100Characters() {
        assertEquals("ci", KeyTerms.name(" ci ", NOW));
        assertEquals("key-2030-06-01T12:00:00Z", KeyTerms.name("", NOW));
        assertEquals("apiKey.name", refusal(() -> KeyTerms.name("x".repeat(101), NOW)));
        assertEquals("apiKey.name", refusal(() -> KeyTerms.name("a\nb", NOW)));
    }

    @Test
    void onlyGemScopesServeOneGem() {
        KeyTerms.gemScopes(EnumSet.of(Scope.INDEX_RUBYGEMS, Scope.PUSH_RUBYGEM));
        KeyTerms.gemScopes(EnumSet.of(Scope.CONFIGURE_TRUSTED_PUBLISHERS));
        assertEquals("apiKey.gem.scope", refusal(() -> KeyTerms.gemScopes(EnumSet.of(Scope.INDEX_RUBYGEMS, Scope.SHOW_DASHBOARD))));
        assertEquals(EnumSet.of(Scope.PUSH_RUBYGEM, Scope.YANK_RUBYGEM, Scope.ADD_OWNER, Scope.REMOVE_OWNER, Scope.CONFIGURE_TRUSTED_PUBLISHERS),
                EnumSet.copyOf(Scope.GEM_SCOPABLE));
        assertEquals(Scope.CONFIGURE_TRUSTED_PUBLISHERS, Scope.values()[Scope.values().length - 1]);
    }

    @Test
    void aCallerExpiresAtItsExpiryAndActsOnItsGemsOnly() {
        Caller any = new Caller(1, "a@x", "a", MfaLevel.DISABLED, 2L, Set.of(Scope.PUSH_RUBYGEM), false);
        assertFalse(any.expired(NOW));
        assertTrue(any.mayActOn("anything") && any.mayActOn(null));
        Caller one = new Caller(1, "a@x", "a", MfaLevel.DISABLED, 2L, Set.of(Scope.PUSH_RUBYGEM), false, NOW, Set.of("rails"), true);
        assertFalse(one.expired(NOW.minusMillis(1)));
        assertTrue(one.expired(NOW));
        assertTrue(one.mayActOn("rails") && one.mayActOn("Rails"));
        assertFalse(one.mayActOn("rake") || one.mayActOn(null) || one.mayActOn("rails2"));
    }
}
