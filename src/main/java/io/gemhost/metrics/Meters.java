package io.gemhost.metrics;

import io.gemhost.audit.AuditLog.SecurityEventRecorded;
import io.gemhost.audit.EventKind;
import io.gemhost.cache.ReadCache;
import io.gemhost.gems.GemDirectory.GemFileStaged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * This node's counters, in one Micrometer registry. Most move on a security event once it has
 * committed (so a rolled-back action counts nothing); pushes when a pushed file's transaction
 * commits; API requests when ApiGuard has answered; the read caches' hits and misses are read
 * from the caches when scraped, the connection pool's use from the server (PoolGauges). Names
 * and labels are listed in docs/SECURITY.md ("Health and metrics"); label values come from fixed
 * sets, never from what a client sent.
 */
@ApplicationScoped
public class Meters {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Inject
    ReadCache cache;
    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource pool;
    private boolean poolGauges;

    @PostConstruct
    void start() {
        FunctionCounter.builder("gemhost.cache.lookups", cache, ReadCache::hits).tag("result", "hit")
                .description("Read-cache lookups while the caches serve").register(registry);
        FunctionCounter.builder("gemhost.cache.lookups", cache, ReadCache::misses).tag("result", "miss")
                .description("Read-cache lookups while the caches serve").register(registry);
        io.micrometer.core.instrument.Gauge.builder("gemhost.requests.in_flight", io.gemhost.drain.Drain::inFlight)
                .description("Requests this node is answering (a draining node waits for them)").register(registry);
        // the series a dashboard expects are there from the start, at zero
        signIns("signed_in", "password");
        counter("gemhost.second_factor.failures");
        counter("gemhost.second_factor.locks");
        throttlePauses("password");
        throttlePauses("second_factor");
        counter("gemhost.new_device.holds");
        counter("gemhost.pushes");
        counter("gemhost.trusted_publisher.exchanges");
    }

    void onEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) SecurityEventRecorded event) {
        count(event.kind(), event.detail());
    }

    void onPush(@Observes(during = TransactionPhase.AFTER_SUCCESS) GemFileStaged pushed) {
        counter("gemhost.pushes").increment();
    }

    /** One API request answered: {@code route} is its row's "METHOD /api/template" (or "unmatched"). */
    public void apiRequest(String route, int status) {
        Counter.builder("gemhost.api.requests").tag("route", route).tag("status", Integer.toString(status))
                .description("API requests by route and status").register(registry).increment();
    }

    /** The registry in Prometheus' text format. */
    public String scrape() {
        poolGaugesOnce();
        return registry.scrape();
    }

    /**
     * The pool's gauges are looked for at the first scrape, not at deployment: WildFly's management
     * model cannot be read while the server still boots, which is when it deploys the WAR.
     */
    private synchronized void poolGaugesOnce() {
        if (!poolGauges) {
            poolGauges = true;
            PoolGauges.register(registry, pool);
        }
    }

    void count(EventKind kind, String detail) {
        switch (kind) {
            case SIGN_IN -> signIns("signed_in", factorOf(detail)).increment();
            case SIGN_IN_FAILED -> signIns("wrong_password", "password").increment();
            case SIGN_IN_THROTTLED -> {
                signIns("throttled", "password").increment();
                throttlePauses("password").increment();
            }
            case NEW_DEVICE_HELD -> {
                signIns("held_new_device", factorOf(detail)).increment();
                counter("gemhost.new_device.holds").increment();
            }
            case OTP_FAILED -> counter("gemhost.second_factor.failures").increment();
            case SECOND_FACTOR_THROTTLED -> throttlePauses("second_factor").increment();
            case SECOND_FACTOR_LOCKED -> counter("gemhost.second_factor.locks").increment();
            case TRUSTED_PUBLISHER_EXCHANGE -> counter("gemhost.trusted_publisher.exchanges").increment();
            default -> { }
        }
    }

    /**
     * The factor kind of a sign-in, from its event's detail (the words the pages record, such as
     * "with the authenticator app"); pure, so a unit test pins every detail the pages write.
     */
    static String factorOf(String detail) {
        if (detail == null) {
            return "unknown";
        }
        if (detail.startsWith("password only")) {
            return "password";
        }
        if (detail.startsWith("with the authenticator app")) {
            return "totp";
        }
        if (detail.startsWith("with a recovery code")) {
            return "recovery_code";
        }
        if (detail.startsWith("with a security device")) {
            return "security_key";
        }
        if (detail.startsWith("with a passkey")) {
            return "passkey";
        }
        return "other";
    }

    private Counter signIns(String outcome, String factor) {
        return Counter.builder("gemhost.sign_ins").tag("outcome", outcome).tag("factor", factor)
                .description("Browser sign-ins by outcome and factor kind").register(registry);
    }

    private Counter throttlePauses(String step) {
        return Counter.builder("gemhost.throttle.pauses").tag("step", step)
                .description("Throttle pauses begun, by step").register(registry);
    }

    private Counter counter(String name) {
        return Counter.builder(name).register(registry);
    }
}
