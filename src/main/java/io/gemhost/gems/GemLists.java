package io.gemhost.gems;

import io.gemhost.cache.NodeCache;
import io.gemhost.cache.ReadCache;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** An account's gems and their versions (the API's gems.json), from this node's read cache when it may serve. */
@ApplicationScoped
public class GemLists {

    @EJB
    Gems gems;
    @Inject
    ReadCache readCache;

    private NodeCache<Long, List<Gems.Summary>> cache;

    @PostConstruct
    void init() {
        cache = readCache.newCache();
    }

    public List<Gems.Summary> of(long accountId) {
        if (!readCache.serving()) {
            return gems.ofAccount(accountId);
        }
        var cached = cache.get(accountId);
        if (cached.isPresent()) {
            return cached.get();
        }
        long readAt = cache.generation();
        List<Gems.Summary> list = List.copyOf(gems.ofAccount(accountId));
        cache.put(accountId, accountId, list, readAt);
        return list;
    }
}
