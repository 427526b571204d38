package io.gemhost.drain;

import io.gemhost.cache.ReadCache;
import io.gemhost.config.Migrations;
import io.gemhost.config.Settings;
import io.gemhost.notify.Mailer;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Drains the node before the container stops it (docs/ARCHITECTURE.md, "Shutdown and drain").
 * Payara Micro, on SIGTERM, undeploys at once: it waits 2 s for a servlet's requests, destroys
 * it, then answers 503 and 500 for a moment and cuts the connections still open. So the
 * application takes SIGTERM itself (the JDK's signal API, found through the system class
 * loader): it stops taking requests, waits for those in flight (GEMHOST_DRAIN_S at most), closes
 * the read cache's LISTEN connection, waits for mails being delivered, and then ends the
 * process. On PostgreSQL, where every answered request has committed, it halts the JVM, so the
 * port closes at once (a load balancer's next try is refused, never answered 500); on H2, whose
 * last commits may still be in memory, it hands SIGTERM on to the container's own shutdown.
 * Undeployed without SIGTERM, the node drains in {@link #contextDestroyed}; a JVM ending by
 * another way at least stops taking requests in a shutdown hook.
 */
@WebListener
public class DrainStart implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(DrainStart.class.getName());
    /** No request for this long: the load balancers have taken the node out (their health checks saw DOWN). */
    static final Duration QUIET = Duration.ofSeconds(1);

    @Inject
    Settings settings;
    @Inject
    ReadCache cache;
    @EJB
    Migrations migrations;
    @Inject
    Mailer mailer;

    private Thread hook;
    private Object term;
    private Object previous;
    private Method handle;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        hook = new Thread(() -> {
            if (Drain.NODE.begin()) {
                LOG.info("gemhost drain: the JVM is ending, refusing new requests");
            }
        }, "gemhost-drain-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        try {
            ClassLoader system = ClassLoader.getSystemClassLoader();
            Class<?> signal = system.loadClass("sun.misc.Signal");
            Class<?> handler = system.loadClass("sun.misc.SignalHandler");
            handle = handler.getMethod("handle", signal);
            term = signal.getConstructor(String.class).newInstance("TERM");
            Object mine = Proxy.newProxyInstance(system, new Class<?>[] {handler}, (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    Thread drain = new Thread(this::onSigterm, "gemhost-drain");
                    drain.setContextClassLoader(application); // the application's beans answer on its class loader
                    drain.start();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "gemhost drain handler";
                };
            });
            previous = signal.getMethod("handle", signal, handler).invoke(null, term, mine);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warning("gemhost drain: cannot take SIGTERM (" + e + "); requests in flight may be cut when the node stops");
        }
    }

    private void onSigterm() {
        if (!Drain.NODE.begin()) {
            return; // a second SIGTERM: the first one's drain goes on
        }
        boolean halt = false;
        try {
            halt = drain();
        } catch (RuntimeException | Error e) {
            LOG.log(java.util.logging.Level.WARNING, "gemhost drain: failed; ending anyway", e);
        }
        if (halt) {
            flushLogs();
            Runtime.getRuntime().halt(143); // 128 + SIGTERM, as the JVM's own exit on SIGTERM
        }
        LOG.info("gemhost drain: handing SIGTERM to the server's own shutdown");
        try {
            handle.invoke(previous, term);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.warning("gemhost drain: the server's own shutdown failed: " + e + "; exiting");
            System.exit(143);
        }
    }

    /** Steps 2 to 4 of docs/ARCHITECTURE.md, "Shutdown and drain"; true if the process may halt now. */
    private boolean drain() {
        long start = System.nanoTime();
        Duration limit = Duration.ofSeconds(settings.drainSeconds());
        LOG.info("gemhost drain: SIGTERM, refusing new requests with 503; " + Drain.inFlight() + " in flight, waiting up to "
                + limit.toSeconds() + " s");
        boolean idle = awaitIdle(limit, QUIET);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (idle) {
            LOG.info("gemhost drain: every request answered, and none came for " + QUIET.toMillis() + " ms, after " + ms + " ms");
        } else {
            LOG.warning("gemhost drain: " + Drain.inFlight() + " requests still in flight after " + ms + " ms; ending anyway");
        }
        boolean halt = migrations.onPostgres();
        cache.close();
        long left = limit.toMillis() - (System.nanoTime() - start) / 1_000_000;
        if (!mailer.awaitDelivered(Duration.ofMillis(Math.max(left, 2000)))) {
            LOG.warning("gemhost drain: mails still being delivered; ending anyway");
        }
        LOG.info("gemhost drain: done" + (halt ? ", ending the process" : ""));
        return halt;
    }

    private static boolean awaitIdle(Duration limit, Duration quiet) {
        try {
            return Drain.NODE.awaitIdle(limit, quiet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void flushLogs() {
        for (Logger l = LOG; l != null; l = l.getParent()) {
            for (Handler h : l.getHandlers()) {
                h.flush();
            }
        }
        System.out.flush();
        System.err.flush();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (Drain.NODE.begin()) {
            LOG.info("gemhost drain: undeployed, refusing new requests; " + Drain.inFlight() + " in flight");
        }
        awaitIdle(Duration.ofSeconds(settings.drainSeconds()), Duration.ZERO); // the container refuses new requests itself by now
        if (previous != null) {
            try {
                term.getClass().getMethod("handle", term.getClass(), handle.getDeclaringClass()).invoke(null, term, previous);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warning("gemhost drain: cannot give SIGTERM back: " + e);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ending) {
            // the JVM is ending: the hook has run or runs now
        }
    }
}
