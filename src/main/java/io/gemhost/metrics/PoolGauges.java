package io.gemhost.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

/**
 * Gauges of this node's database connection pool (java:comp/DefaultDataSource), read from the
 * server's own pool when scraped (docs/SECURITY.md, "Health and metrics"): connections checked
 * out and idle, threads waiting for one, and the pool's maximum. WildFly shows its pool's
 * statistics as MBeans (server-config/wildfly.cli turns them on); Payara Micro's monitoring
 * service counts nothing there (its probes need an agent Payara Micro does not load), so on
 * Payara the gauges ask the pool itself, through the server's classes. Neither is a portable
 * API: if this server has neither, the gauges are absent and the log says so once (at the first
 * scrape, Meters); a scrape never fails because of them (a value that cannot be read is NaN).
 */
final class PoolGauges {

    private static final Logger LOG = Logger.getLogger(PoolGauges.class.getName());

    /** One pool's current figures; each read may throw, which the gauge turns into NaN. */
    interface Source {
        String describe();

        double inUse() throws Exception;

        double idle() throws Exception;

        /** Whether {@link #waiting} can be read: WildFly counts only the waits so far, not the waiters now. */
        boolean countsWaiting();

        double waiting() throws Exception;

        double max() throws Exception;
    }

    private PoolGauges() {
    }

    /** Registers the gauges of {@code pool}'s statistics, if this server shows them; logs which, once. */
    static void register(MeterRegistry registry, DataSource pool) {
        Source source;
        String why = "this server shows none to the application";
        try {
            source = WildFly.running() ? WildFly.find() : Payara.find(pool);
        } catch (Exception | LinkageError e) {
            source = null;
            why = e.toString();
        }
        if (source == null) {
            LOG.warning("gemhost metrics: no connection pool statistics (" + why + "); /metrics has no gemhost_db_pool_* gauges");
            return;
        }
        LOG.info("gemhost metrics: the gemhost_db_pool_* gauges read " + source.describe());
        register(registry, source);
    }

    static void register(MeterRegistry registry, Source source) {
        String open = "Open connections of this node's pool: checked out (in_use) or free (idle)";
        gauge(registry, "gemhost.db.pool.connections", source, Source::inUse, "in_use", open);
        gauge(registry, "gemhost.db.pool.connections", source, Source::idle, "idle", open);
        if (source.countsWaiting()) {
            gauge(registry, "gemhost.db.pool.pending", source, Source::waiting, null,
                    "Threads waiting now for a connection of this node's pool");
        }
        gauge(registry, "gemhost.db.pool.max", source, Source::max, null,
                "Most connections this node's pool opens");
    }

    private interface Read {
        double from(Source source) throws Exception;
    }

    private static void gauge(MeterRegistry registry, String name, Source source, Read read, String state, String description) {
        ToDoubleFunction<Source> value = s -> {
            try {
                return read.from(s);
            } catch (Exception | LinkageError e) {
                return Double.NaN;
            }
        };
        Gauge.Builder<Source> builder = Gauge.builder(name, source, value).description(description).strongReference(true);
        if (state != null) {
            builder.tag("state", state);
        }
        builder.register(registry);
    }

    /**
     * WildFly: the data source that java:comp/DefaultDataSource names (the ee subsystem's default
     * binding) and its pool statistics, both in the management model the platform MBean server shows.
     */
    static final class WildFly implements Source {
        private final MBeanServer server;
        private final ObjectName config;
        private final ObjectName stats;

        private WildFly(MBeanServer server, ObjectName config) throws Exception {
            this.server = server;
            this.config = config;
            this.stats = new ObjectName(config + ",statistics=pool");
        }

        private static final String BINDINGS = "jboss.as:subsystem=ee,service=default-bindings";

        static boolean running() throws Exception {
            return ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(BINDINGS));
        }

        static Source find() throws Exception {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object jndi = server.getAttribute(new ObjectName(BINDINGS), "datasource");
            for (ObjectName ds : server.queryNames(new ObjectName("jboss.as:subsystem=datasources,data-source=*"), null)) {
                if (jndi != null && jndi.equals(server.getAttribute(ds, "jndiName"))) {
                    WildFly source = new WildFly(server, ds);
                    if (!Boolean.TRUE.equals(server.getAttribute(ds, "statisticsEnabled")) || !server.isRegistered(source.stats)) {
                        throw new IllegalStateException("data source " + ds.getKeyProperty("data-source")
                                + " keeps none: statistics-enabled=true, server-config/wildfly.cli");
                    }
                    return source;
                }
            }
            return null;
        }

        private double read(ObjectName name, String attribute) throws Exception {
            return ((Number) server.getAttribute(name, attribute)).doubleValue();
        }

        @Override
        public String describe() {
            return "WildFly's pool statistics of data source " + config.getKeyProperty("data-source");
        }

        @Override
        public double inUse() throws Exception {
            return read(stats, "InUseCount");
        }

        @Override
        public double idle() throws Exception {
            return read(stats, "IdleCount");
        }

        @Override
        public boolean countsWaiting() {
            return false;
        }

        @Override
        public double waiting() {
            return Double.NaN;
        }

        @Override
        public double max() throws Exception {
            return read(config, "maxPoolSize");
        }
    }

    /**
     * Payara: the pool behind the data source (its connection factory names it), asked through
     * the connector runtime for its current status, wait queue and maximum, as Payara's own
     * monitoring does. Found by name at every read, so a pool Payara recreates is followed.
     */
    static final class Payara implements Source {
        private final String poolName;
        private final Object poolInfo;
        private final Method getPool;
        private final Method poolStatus;
        private final Method used;
        private final Method free;
        private final Method waitQueue;
        private final Method queueLength;
        private final Method maxPoolSize;
        private final Object poolManager;

        private Payara(DataSource pool) throws Exception {
            Field mcf = field(pool.getClass(), "mcf");
            mcf.setAccessible(true);
            Object factory = mcf.get(pool);
            poolName = (String) factory.getClass().getMethod("getPoolName").invoke(factory);
            ClassLoader loader = pool.getClass().getClassLoader();
            Class<?> runtime = Class.forName("com.sun.enterprise.connectors.ConnectorRuntime", true, loader);
            Class<?> managerType = Class.forName("com.sun.enterprise.resource.pool.PoolManager", true, loader);
            Class<?> poolType = Class.forName("com.sun.enterprise.resource.pool.ResourcePool", true, loader);
            Class<?> infoType = Class.forName("org.glassfish.resourcebase.resources.api.PoolInfo", true, loader);
            poolManager = runtime.getMethod("getPoolManager").invoke(runtime.getMethod("getRuntime").invoke(null));
            poolInfo = infoType.getConstructor(String.class).newInstance(poolName);
            getPool = managerType.getMethod("getPool", infoType);
            poolStatus = poolType.getMethod("getPoolStatus");
            maxPoolSize = poolType.getMethod("getMaxPoolSize");
            waitQueue = poolType.getMethod("getPoolWaitQueue");
            Class<?> statusType = poolStatus.getReturnType();
            used = statusType.getMethod("getNumConnUsed");
            free = statusType.getMethod("getNumConnFree");
            queueLength = waitQueue.getReturnType().getMethod("getQueueLength");
        }

        /** Null when {@code pool} is not Payara's. */
        static Source find(DataSource pool) throws Exception {
            return pool == null || field(pool.getClass(), "mcf") == null ? null : new Payara(pool);
        }

        private static Field field(Class<?> type, String name) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    return c.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    // its superclass, then
                }
            }
            return null;
        }

        private Object pool() throws Exception {
            Object pool = getPool.invoke(poolManager, poolInfo);
            if (pool == null) {
                throw new IllegalStateException("no pool " + poolName);
            }
            return pool;
        }

        private double status(Method figure) throws Exception {
            return ((Number) figure.invoke(poolStatus.invoke(pool()))).doubleValue();
        }

        @Override
        public String describe() {
            return "Payara's connection pool " + poolName;
        }

        @Override
        public double inUse() throws Exception {
            return status(used);
        }

        @Override
        public double idle() throws Exception {
            return status(free);
        }

        @Override
        public boolean countsWaiting() {
            return true;
        }

        @Override
        public double waiting() throws Exception {
            return ((Number) queueLength.invoke(waitQueue.invoke(pool()))).doubleValue();
        }

        @Override
        public double max() throws Exception {
            return ((Number) maxPoolSize.invoke(pool())).doubleValue();
        }
    }
}
