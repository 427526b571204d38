package io.gemhost.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The issuers' keys: fetched on first use, refreshed, refetched for an unknown kid at most once a minute, never used stale. */
class KeyCacheTest {

    static final String ISSUER = Tokens.GITHUB;
    final RSAKey one = Tokens.rsa("one");
    final RSAKey two = Tokens.rsa("two");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    /** The issuer's published set, and whether it answers. */
    static final class Issuer implements KeyCache.Fetcher {
        List<RSAKey> published;
        boolean down;
        int fetches;

        @Override
        public JWKSet fetch(String issuer) throws IOException {
            fetches++;
            if (down) {
                throw new IOException("connect timed out");
            }
            return new JWKSet(published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
        }
    }

    final MovingClock clock = new MovingClock();
    final Issuer issuer = new Issuer();
    final KeyCache cache = new KeyCache(issuer, clock, Duration.ofMinutes(1));

    @Test
    void fetchedOnFirstUseAndKeptForThirtyMinutes() {
        issuer.published = List.of(one);
        assertEquals(one.toPublicJWK(), cache.key(ISSUER, "one"));
        clock.move(Duration.ofMinutes(29));
        cache.key(ISSUER, "one");
        assertEquals(1, issuer.fetches);
        clock.move(Duration.ofMinutes(2));
        cache.key(ISSUER, "one");
        assertEquals(2, issuer.fetches, "refreshed after 30 minutes");
    }

    @Test
    void aRotatedKeyIsFetchedAtOnceButAtMostOnceAMinute() {
        issuer.published = List.of(one);
        cache.key(ISSUER, "one");
        clock.move(Duration.ofSeconds(61));
        issuer.published = List.of(one, two);
        assertEquals(two.toPublicJWK(), cache.key(ISSUER, "two"), "an unknown kid fetches the set again");
        assertEquals(2, issuer.fetches);
        // unknown kids within the minute cost no fetch
        for (int i = 0; i < 5; i++) {
            assertEquals(404, assertThrows(ExchangeRefused.class, () -> cache.key(ISSUER, "nope")).status());
        }
        assertEquals(2, issuer.fetches);
        clock.move(Duration.ofSeconds(61));
        assertThrows(ExchangeRefused.class, () -> cache.key(ISSUER, "nope"));
        assertEquals(3, issuer.fetches);
    }

    @Test
    void anIssuerThatIsDownKeepsItsKeysForADayThenTheyAreNotUsed() {
        issuer.published = List.of(one);
        cache.key(ISSUER, "one");
        issuer.down = true;
        clock.move(Duration.ofHours(23));
        assertEquals(one.toPublicJWK(), cache.key(ISSUER, "one"), "a failed refresh keeps the keys");
        clock.move(Duration.ofHours(1).plusMinutes(1));
        ExchangeRefused stale = assertThrows(ExchangeRefused.class, () -> cache.key(ISSUER, "one"));
        assertTrue(stale.getMessage().contains("older than a day"), stale.getMessage());
        issuer.down = false;
        clock.move(Duration.ofMinutes(2));
        assertEquals(one.toPublicJWK(), cache.key(ISSUER, "one"), "a successful refresh makes them usable again");
    }

    @Test
    void anIssuerDownAtFirstUseIsAskedAtMostOnceAMinute() {
        issuer.down = true;
        for (int i = 0; i < 3; i++) {
            ExchangeRefused e = assertThrows(ExchangeRefused.class, () -> cache.key(ISSUER, "one"));
            assertTrue(e.getMessage().contains("could not be fetched"), e.getMessage());
        }
        assertEquals(1, issuer.fetches);
    }

    @Test
    void keysOfOneIssuerNeverServeAnother() {
        issuer.published = List.of(one);
        cache.key(ISSUER, "one");
        issuer.published = List.of(two);
        assertThrows(ExchangeRefused.class, () -> cache.key(Tokens.GITLAB, "one"));
    }

    @Test
    void jwksUriMustBeOnTheIssuersOwnHost() {
        assertTrue(IssuerKeys.sameOrigin("https://token.actions.githubusercontent.com", "https://token.actions.githubusercontent.com/.well-known/jwks"));
        assertTrue(IssuerKeys.sameOrigin("http://localhost:4000/github", "http://localhost:4000/github/jwks"));
        for (String other : new String[] {"https://evil.example/jwks", "http://token.actions.githubusercontent.com/jwks",
                "https://token.actions.githubusercontent.com:444/jwks", "https://token.actions.githubusercontent.com.evil.example/jwks",
                "https://user@evil.example/jwks", "//evil.example/jwks", "file:///etc/passwd", "not a url"}) {
            assertTrue(!IssuerKeys.sameOrigin("https://token.actions.githubusercontent.com", other), other);
        }
    }
}
