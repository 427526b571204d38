package io.gemhost.cache;

import io.gemhost.audit.AuditLog.SecurityEventRecorded;
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
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This node's read caches and their invalidation channel: a LISTEN connection to PostgreSQL on
 * channel {@code gemhost_cache}, whose notifications (an account id each, sent by the triggers of
 * migration V6 when a change commits, on any node) drop that account's entries. The channel must
 * prove itself: every second the node sends a heartbeat through its connection pool, and the
 * caches serve only while one sent within the last two seconds came back (Liveness). When the
 * channel breaks or goes silent (or on H2, which has no such channel) every lookup misses and
 * nothing is stored; the listener connects anew, and the caches start empty.
 */
@ApplicationScoped
public class ReadCache {

    /**
     * Fired by a service, inside its transaction, when it changed something an API cache entry of
     * this account may hold; the node drops the account's entries after the commit. (Other nodes
     * hear of it from PostgreSQL.)
     */
    public record AccountChanged(long accountId) {
    }

    private static final Logger LOG = Logger.getLogger(ReadCache.class.getName());
    static final String CHANNEL = "gemhost_cache";
    /** A heartbeat's payload: this prefix, the sending node's id, a space, the time it was sent (ms). */
    static final String HEARTBEAT = "heartbeat ";

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;
    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource pool;
    @Inject
    Settings settings;
    @Inject
    Clock clock;

    private final AtomicLong generation = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder hits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder misses = new java.util.concurrent.atomic.LongAdder();
    private final List<NodeCache<?, ?>> caches = new ArrayList<>();
    private final String node = UUID.randomUUID().toString();
    private Liveness liveness;
    private volatile boolean running = true;
    /** Listener thread only: whether the log last said the caches serve. */
    private boolean announced;
    /** Listener thread only: why the last heartbeat could not be sent, if it could not. */
    private String heartbeatFailure;
    private Thread listener;
    private int limit;

    @PostConstruct
    void start() {
        limit = settings.cacheEntries();
        liveness = new Liveness(clock);
        if (limit > 0) {
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
        close();
    }

    /**
     * Stops listening: the listener leaves its loop (within its 200 ms poll), says UNLISTEN, closes
     * its connection and logs it; waits up to 5 s for that. A draining node calls it before it
     * ends (docs/ARCHITECTURE.md, "Shutdown and drain"); the caches serve no more.
     */
    public void close() {
        running = false;
        liveness.lost();
        Thread thread = listener;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
    }

    /** A new cache of at most GEMHOST_CACHE_ENTRIES entries, invalidated with all the others. */
    public synchronized <K, V> NodeCache<K, V> newCache() {
        NodeCache<K, V> cache = new NodeCache<>(limit, generation, liveness, hits, misses);
        caches.add(cache);
        return cache;
    }

    /** Whether the caches may answer now: the channel proved itself within the last two seconds (no database work). */
    public boolean serving() {
        return liveness.fresh();
    }

    /** Whether this node keeps read caches at all (GEMHOST_CACHE_ENTRIES above 0), and so listens on the channel. */
    public boolean enabled() {
        return limit > 0;
    }

    /** Lookups answered from memory, by every cache of this node, since it started. */
    public double hits() {
        return hits.sum();
    }

    /** Lookups that had to read the database while the caches served, since this node started. */
    public double misses() {
        return misses.sum();
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
     * node, and one that broke must not go back to the pool), to the pool's own database: the
     * JDBC URL and user a pooled connection reports, and the password the pool is given
     * (server-config/postgres.asadmin and wildfly.cli: GEMHOST_DB_PASSWORD from the environment; on
     * WildFly the driver's module is the WAR's through WEB-INF/jboss-deployment-structure.xml). Null when the
     * pool is not PostgreSQL: no channel, the caches never serve.
     */
    private Connection listenConnection() throws SQLException {
        String url;
        String user;
        try (Connection pooled = pool.getConnection()) {
            DatabaseMetaData meta = pooled.getMetaData();
            if (!meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                return null;
            }
            url = meta.getURL();
            user = meta.getUserName();
        }
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", Settings.fromEnvironment("GEMHOST_DB_PASSWORD", ""));
        properties.setProperty("ApplicationName", "gemhost read cache");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5"); // seconds, each
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(url, properties);
    }

    /** Sends this node's heartbeat through the pool, so it also proves the pool's database is the one listened to. */
    private void heartbeat() {
        long sentAt = liveness.now();
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, HEARTBEAT + node + " " + sentAt);
            s.execute();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            heartbeatFailure = null;
        } catch (SQLException e) {
            heartbeatFailure = e.toString();
        }
    }

    /** One notification: an account id drops that account; this node's heartbeat proves the channel; others' are ignored. */
    private void receive(String payload) {
        if (payload.startsWith(HEARTBEAT)) {
            String[] parts = payload.split(" ");
            if (parts.length == 3 && parts[1].equals(node)) {
                liveness.heard(Long.parseLong(parts[2]));
                if (!announced && liveness.fresh()) {
                    announced = true;
                    LOG.info("gemhost read cache: listening on " + CHANNEL + ", heartbeats arrive: serving from memory");
                }
            }
            return;
        }
        try {
            drop(Long.parseLong(payload));
        } catch (NumberFormatException unknown) {
            dropAll();
        }
    }

    /** Stops serving at once and forgets everything; says so once in the log if the caches were serving. */
    private void stopServing(String why) {
        liveness.lost();
        dropAll();
        if (announced) {
            announced = false;
            LOG.warning("gemhost read cache: " + why + "; serving from the database until it is back");
        }
    }

    /**
     * The listener thread: LISTEN, then every second a heartbeat through the pool while waiting for
     * notifications. A connection that fails, or on which no heartbeat came back for two seconds,
     * is closed and opened anew (after a second, on a failure).
     */
    private void listen() {
        while (running) {
            try (Connection connection = listenConnection()) {
                if (connection == null) {
                    return;
                }
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false, ReadCache.class.getClassLoader());
                Object pg = connection.unwrap(pgConnection);
                Method poll = pgConnection.getMethod("getNotifications", int.class);
                dropAll(); // whatever happened while nobody listened is unknown: start empty
                long since = liveness.now();
                long nextBeat = since;
                while (true) { // until close(): see the check below
                    if (liveness.now() >= nextBeat) {
                        heartbeat();
                        nextBeat = liveness.now() + Liveness.HEARTBEAT_EVERY.toMillis();
                    }
                    Object[] notifications = (Object[]) poll.invoke(pg, 200);
                    if (notifications != null) {
                        for (Object n : notifications) {
                            receive((String) n.getClass().getMethod("getParameter").invoke(n));
                        }
                    }
                    if (!running) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("UNLISTEN *");
                        }
                        LOG.info("gemhost read cache: stopped listening on " + CHANNEL + " (the node is ending)");
                        break;
                    }
                    if (liveness.silentSince(since)) {
                        stopServing("no heartbeat came back through the invalidation channel for "
                                + Liveness.SILENCE.toSeconds() + " s" + (heartbeatFailure == null ? "" : " (sending it failed: " + heartbeatFailure + ")"));
                        break; // connect anew
                    }
                }
            } catch (Exception | LinkageError thrown) {
                if (!running) {
                    LOG.info("gemhost read cache: stopped listening on " + CHANNEL + " (the node is ending: " + thrown + ")");
                    return;
                }
                Throwable e = thrown instanceof java.lang.reflect.InvocationTargetException invoked && invoked.getCause() != null ? invoked.getCause() : thrown;
                boolean was = announced;
                stopServing("the invalidation channel is down: " + e);
                if (!was && !(e instanceof SQLException)) {
                    LOG.log(Level.WARNING, "gemhost read cache: the invalidation channel cannot be opened: " + e);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        liveness.lost();
    }
}
