package io.gemhost.cache;

import io.gemhost.audit.SecurityEventRecorded;
import io.gemhost.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's read caches and their invalidation channel: a LISTEN connection to PostgreSQL on
 * channel {@code gemhost_cache}, whose notifications (an account id each, sent by the triggers of
 * migration V6 when a change commits, on any node) drop that account's entries. The caches serve
 * only while the channel is up; while it is down (or on H2, which has no such channel) every
 * lookup misses and nothing is stored, and when it comes back the caches start empty.
 */
@ApplicationScoped
public class ReadCache {

    private static final Logger LOG = Logger.getLogger(ReadCache.class.getName());
    static final String CHANNEL = "gemhost_cache";

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;
    @Inject
    Settings settings;

    private final AtomicLong generation = new AtomicLong();
    private final List<NodeCache<?, ?>> caches = new ArrayList<>();
    private volatile boolean listening;
    private volatile boolean running = true;
    private Thread listener;
    private int limit;

    @PostConstruct
    void start() {
        limit = settings.cacheEntries();
        if (limit > 0 && Settings.read("GEMHOST_DB", "h2").equalsIgnoreCase("postgres")) {
            listener = threads.newThread(this::listen);
            listener.setName("gemhost-cache-listener");
            listener.setDaemon(true);
            listener.start();
        }
    }

    /** Starts the listener with the application (the first API request should not wait for it). */
    void boot(@Observes @Initialized(ApplicationScoped.class) Object context) {
        // touching the bean runs start()
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** A new cache of at most GEMHOST_CACHE_ENTRIES entries, invalidated with all the others. */
    public synchronized <K, V> NodeCache<K, V> newCache() {
        NodeCache<K, V> cache = new NodeCache<>(limit, generation);
        caches.add(cache);
        return cache;
    }

    /** Whether the caches may answer now: the invalidation channel is up. */
    public boolean serving() {
        return listening;
    }

    void onAccountChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged change) {
        drop(change.accountId());
    }

    /** A recorded change to a factor, the password, the email or a key (the events that are mailed). */
    void onSecurityEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) SecurityEventRecorded event) {
        if (event.accountId() != null && event.kind().notifies()) {
            drop(event.accountId());
        }
    }

    synchronized void drop(long accountId) {
        generation.incrementAndGet();
        caches.forEach(c -> c.dropAccount(accountId));
    }

    private synchronized void dropAll() {
        generation.incrementAndGet();
        caches.forEach(NodeCache::clear);
    }

    /**
     * A connection of the listener's own, outside the pool (a LISTEN connection lives as long as the
     * node, and one that broke must not go back to the pool), to the database the pool uses
     * (server-config/postgres.asadmin's GEMHOST_DB_* settings).
     */
    private static Connection listenConnection() throws SQLException {
        String url = "jdbc:postgresql://" + Settings.read("GEMHOST_DB_HOST", "127.0.0.1") + ":" + Settings.read("GEMHOST_DB_PORT", "5432")
                + "/" + Settings.read("GEMHOST_DB_NAME", "gemhost");
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", Settings.read("GEMHOST_DB_USER", "gemhost"));
        properties.setProperty("password", Settings.read("GEMHOST_DB_PASSWORD", ""));
        properties.setProperty("ApplicationName", "gemhost read cache");
        properties.setProperty("tcpKeepAlive", "true");
        return java.sql.DriverManager.getConnection(url, properties);
    }

    /** The listener thread: LISTEN, then wait for notifications; on any failure stop serving, retry each second. */
    private void listen() {
        while (running) {
            try (Connection connection = listenConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + CHANNEL);
                Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false, ReadCache.class.getClassLoader());
                Object pg = connection.unwrap(pgConnection);
                Method poll = pgConnection.getMethod("getNotifications", int.class);
                dropAll(); // whatever happened while nobody listened is unknown: start empty
                listening = true;
                LOG.info("gemhost read cache: listening on " + CHANNEL);
                while (running) {
                    Object[] notifications = (Object[]) poll.invoke(pg, 500);
                    if (notifications == null) {
                        continue;
                    }
                    for (Object n : notifications) {
                        String payload = (String) n.getClass().getMethod("getParameter").invoke(n);
                        try {
                            drop(Long.parseLong(payload));
                        } catch (NumberFormatException unknown) {
                            dropAll();
                        }
                    }
                }
            } catch (Exception | LinkageError e) {
                boolean was = listening;
                listening = false;
                dropAll();
                if (was || !(e instanceof SQLException)) {
                    LOG.log(Level.WARNING, "gemhost read cache: the invalidation channel is down, serving from the database until it is back: " + e);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        listening = false;
    }
}
