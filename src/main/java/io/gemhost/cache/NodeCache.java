package io.gemhost.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bounded map of this node's cache: least recently used entries go first; each entry is
 * tagged with the account it describes, so one change drops all of that account's entries. An
 * entry read from the database is stored only if no invalidation happened since the read began
 * (the generation), so a read that raced a change never stores what the change made stale.
 */
public final class NodeCache<K, V> {

    private record Entry<V>(long accountId, V value) {
    }

    private final int limit;
    private final AtomicLong generation;
    private final Map<K, Entry<V>> entries;

    NodeCache(int limit, AtomicLong generation) {
        this.limit = limit;
        this.generation = generation;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > NodeCache.this.limit;
            }
        };
    }

    public synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    /** The generation to pass to {@link #put}: read it before reading the database. */
    public long generation() {
        return generation.get();
    }

    /** Stores a value read since {@code readAt}, unless an invalidation came in between. */
    public synchronized void put(K key, long accountId, V value, long readAt) {
        if (limit > 0 && generation.get() == readAt) {
            entries.put(key, new Entry<>(accountId, value));
        }
    }

    synchronized void dropAccount(long accountId) {
        entries.values().removeIf(e -> e.accountId() == accountId);
    }

    synchronized void clear() {
        entries.clear();
    }
}
