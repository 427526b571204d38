package io.gemhost.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One bounded map of this node's cache: least recently used entries go first; each entry is
 * tagged with the account it describes, so one change drops all of that account's entries (an
 * index by account, so a drop costs what that account has, not the size of the map). An
 * entry read from the database is stored only if no invalidation happened since the read began
 * (the generation), so a read that raced a change never stores what the change made stale. An
 * entry older than Liveness.MAX_ENTRY_AGE is not served: it is read from the database again.
 */
public final class NodeCache<K, V> {

    private record Entry<V>(long accountId, V value, long storedAt) {
    }

    private final int limit;
    private final AtomicLong generation;
    private final Liveness liveness;
    private final Map<K, Entry<V>> entries;
    private final Map<Long, Set<K>> byAccount = new HashMap<>();
    private final LongAdder hits;
    private final LongAdder misses;

    NodeCache(int limit, AtomicLong generation, Liveness liveness) {
        this(limit, generation, liveness, new LongAdder(), new LongAdder());
    }

    NodeCache(int limit, AtomicLong generation, Liveness liveness, LongAdder hits, LongAdder misses) {
        this.hits = hits;
        this.misses = misses;
        this.limit = limit;
        this.generation = generation;
        this.liveness = liveness;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                if (size() <= NodeCache.this.limit) {
                    return false;
                }
                unindex(eldest.getKey(), eldest.getValue().accountId());
                return true;
            }
        };
    }

    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            misses.increment();
            return Optional.empty();
        }
        if (!liveness.young(entry.storedAt())) {
            entries.remove(key);
            unindex(key, entry.accountId());
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(entry.value());
    }

    /** The generation to pass to {@link #put}: read it before reading the database. */
    public long generation() {
        return generation.get();
    }

    /** Stores a value read since {@code readAt}, unless an invalidation came in between. */
    public synchronized void put(K key, long accountId, V value, long readAt) {
        if (limit > 0 && generation.get() == readAt) {
            Entry<V> before = entries.put(key, new Entry<>(accountId, value, liveness.now()));
            if (before != null && before.accountId() != accountId) {
                unindex(key, before.accountId());
            }
            byAccount.computeIfAbsent(accountId, a -> new HashSet<>()).add(key);
        }
    }

    synchronized void dropAccount(long accountId) {
        Set<K> keys = byAccount.remove(accountId);
        if (keys != null) {
            keys.forEach(entries::remove);
        }
    }

    synchronized void clear() {
        entries.clear();
        byAccount.clear();
    }

    synchronized int size() {
        return entries.size();
    }

    private void unindex(K key, long accountId) {
        Set<K> keys = byAccount.get(accountId);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            byAccount.remove(accountId);
        }
    }
}
