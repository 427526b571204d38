package io.gemhost.publishing;

import com.nimbusds.jose.jwk.JWK;
import io.gemhost.Refetched;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The issuers' published keys, kept in memory per issuer (docs/SECURITY.md): fetched on first use,
 * refreshed when {@link #REFRESH} old, fetched again at once for an unknown kid, but an issuer is
 * asked at most once per {@code refetch} (a minute) whatever happens; a failed fetch keeps the
 * keys it had (io.gemhost.Refetched, one per issuer), and keys without a successful fetch for
 * {@link #MAX_AGE} are not used. Each issuer has its own lock, so a slow issuer only slows
 * exchanges of its own tokens. Pure: the fetching and the clock are given.
 */
final class KeyCache implements IdTokens.Keys {

    static final Duration REFRESH = Duration.ofMinutes(30);
    static final Duration MAX_AGE = Duration.ofDays(1);

    /** Reads an issuer's current key set (IOException when it cannot). */
    interface Fetcher {
        JWKSet fetch(String issuer) throws IOException;
    }

    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration refetch;
    private final ConcurrentMap<String, Refetched<JWKSet>> issuers = new ConcurrentHashMap<>();

    KeyCache(Fetcher fetcher, Clock clock, Duration refetch) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.refetch = refetch;
    }

    @Override
    public JWK key(String issuer, String kid) {
        Refetched<JWKSet> keys = issuers.computeIfAbsent(issuer, i -> new Refetched<>(
                () -> fetcher.fetch(i).toPublicJWKSet(), clock, REFRESH, refetch, "the keys of " + i));
        Refetched.Held<JWKSet> held = keys.get(set -> set.getKeyByKeyId(kid) != null); // a rotation: the new key may be out by now
        if (held.value() == null) {
            throw ExchangeRefused.notAccepted("the keys of " + issuer + " could not be fetched; try again in a minute");
        }
        if (clock.instant().isAfter(held.fetchedAt().plus(MAX_AGE))) {
            throw ExchangeRefused.notAccepted("the keys of " + issuer + " are older than a day (no successful refresh since "
                    + held.fetchedAt() + "), so they are not used");
        }
        JWK key = held.value().getKeyByKeyId(kid);
        if (key == null) {
            throw ExchangeRefused.notAccepted(issuer + " publishes no key " + ExchangeRefused.shown(kid));
        }
        return key;
    }
}
