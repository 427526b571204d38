package io.gemhost.publishing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The issuers' published keys, kept in memory per issuer (docs/SECURITY.md): fetched on first use,
 * refreshed when {@link #REFRESH} old, fetched again at once for an unknown kid, but an issuer is
 * asked at most once per {@code refetch} (a minute) whatever happens; a failed fetch keeps the
 * keys it had, and keys without a successful fetch for {@link #MAX_AGE} are not used. Each issuer
 * has its own lock, so a slow issuer only slows exchanges of its own tokens. Pure: the fetching and
 * the clock are given.
 */
final class KeyCache implements IdTokens.Keys {

    static final Duration REFRESH = Duration.ofMinutes(30);
    static final Duration MAX_AGE = Duration.ofDays(1);

    private static final Logger LOG = Logger.getLogger(KeyCache.class.getName());

    /** Reads an issuer's current key set (IOException when it cannot). */
    interface Fetcher {
        JWKSet fetch(String issuer) throws IOException;
    }

    private static final class Issuer {
        JWKSet keys;
        Instant fetchedAt;
        Instant triedAt;
    }

    private final Fetcher fetcher;
    private final Clock clock;
    private final Duration refetch;
    private final ConcurrentMap<String, Issuer> issuers = new ConcurrentHashMap<>();

    KeyCache(Fetcher fetcher, Clock clock, Duration refetch) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.refetch = refetch;
    }

    @Override
    public JWK key(String issuer, String kid) {
        Issuer state = issuers.computeIfAbsent(issuer, i -> new Issuer());
        synchronized (state) {
            Instant now = clock.instant();
            boolean due = state.keys == null || !now.isBefore(state.fetchedAt.plus(REFRESH));
            if (due && mayAsk(state, now)) {
                fetch(issuer, state, now);
            }
            JWK key = state.keys == null ? null : state.keys.getKeyByKeyId(kid);
            if (key == null && state.keys != null && mayAsk(state, now)) {
                fetch(issuer, state, now); // a rotation: the issuer may publish the new key by now
                key = state.keys.getKeyByKeyId(kid);
            }
            if (state.keys == null) {
                throw ExchangeRefused.notAccepted("the keys of " + issuer + " could not be fetched; try again in a minute");
            }
            if (now.isAfter(state.fetchedAt.plus(MAX_AGE))) {
                throw ExchangeRefused.notAccepted("the keys of " + issuer + " are older than a day (no successful refresh since "
                        + state.fetchedAt + "), so they are not used");
            }
            if (key == null) {
                throw ExchangeRefused.notAccepted(issuer + " publishes no key " + ExchangeRefused.shown(kid));
            }
            return key;
        }
    }

    private boolean mayAsk(Issuer state, Instant now) {
        return state.triedAt == null || !now.isBefore(state.triedAt.plus(refetch));
    }

    private void fetch(String issuer, Issuer state, Instant now) {
        state.triedAt = now;
        try {
            state.keys = fetcher.fetch(issuer).toPublicJWKSet();
            state.fetchedAt = now;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "gemhost trusted publishing: the keys of {0} could not be fetched: {1}", new Object[] {issuer, e.getMessage()});
        }
    }
}
