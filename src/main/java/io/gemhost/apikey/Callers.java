package io.gemhost.apikey;

import io.gemhost.cache.NodeCache;
import io.gemhost.cache.ReadCache;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The caller behind a raw API key, from this node's read cache when it may serve (see the cache
 * package), else from the database (ApiKeys). A hit costs no database work and no transaction;
 * "last used" is still written at most once a minute. Unknown keys are never cached. An expired
 * key is an unknown one: its expiry is checked here at every use, never only when it was cached.
 */
@ApplicationScoped
public class Callers {

    private record Known(Caller caller, AtomicLong touchedAt) {
    }

    @EJB
    ApiKeys keys;
    @Inject
    ReadCache readCache;
    @Inject
    Clock clock;

    private NodeCache<String, Known> cache;

    @PostConstruct
    void init() {
        cache = readCache.newCache();
    }

    public Optional<Caller> of(String rawKey) {
        if (!ApiKeys.couldBeKey(rawKey)) {
            return Optional.empty();
        }
        if (!readCache.serving()) {
            return unexpired(keys.authenticate(rawKey));
        }
        String digest = ApiKeys.digest(rawKey);
        Optional<Known> known = cache.get(digest);
        if (known.isPresent()) {
            if (known.get().caller().expired(clock.instant())) {
                return Optional.empty();
            }
            long now = clock.millis();
            long touched = known.get().touchedAt().get();
            if (now - touched > ApiKeys.LAST_USED_GRAIN.toMillis() && known.get().touchedAt().compareAndSet(touched, now)) {
                keys.touch(known.get().caller().keyId());
            }
            return Optional.of(known.get().caller());
        }
        long readAt = cache.generation();
        Optional<Caller> caller = keys.authenticate(rawKey);
        caller.ifPresent(c -> cache.put(digest, c.accountId(), new Known(c, new AtomicLong(clock.millis())), readAt));
        return unexpired(caller);
    }

    private Optional<Caller> unexpired(Optional<Caller> caller) {
        return caller.filter(c -> !c.expired(clock.instant()));
    }
}
