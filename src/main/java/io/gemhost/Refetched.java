package io.gemhost;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A document of another host kept in memory (a CI issuer's keys, GitHub's secret-scanning keys):
 * fetched on first use, fetched again when {@code refresh} old, and at once when it lacks what a
 * caller asks for (a key published since), but the host is asked at most once per {@code refetch}
 * whatever callers ask, so made-up identifiers cannot make gemhost hammer it. A failed fetch keeps
 * what was fetched before and is logged. Pure: the fetching and the clock are given.
 */
public final class Refetched<T> {

    /** Reads the document (IOException when it cannot). */
    public interface Source<T> {
        T fetch() throws IOException;
    }

    /** What is held: the value (null before a first successful fetch) and when it was fetched. */
    public record Held<T>(T value, Instant fetchedAt) {
    }

    private static final Logger LOG = Logger.getLogger(Refetched.class.getName());

    private final Source<T> source;
    private final Clock clock;
    private final Duration refresh;
    private final Duration refetch;
    private final String what;
    private T value;
    private Instant fetchedAt;
    private Instant triedAt;

    /** {@code what} names the document in the log ("the keys of https://issuer"). */
    public Refetched(Source<T> source, Clock clock, Duration refresh, Duration refetch, String what) {
        this.source = source;
        this.clock = clock;
        this.refresh = refresh;
        this.refetch = refetch;
        this.what = what;
    }

    /** The document, fetched first when it is due or when {@code has} says it lacks what the caller needs (and the host may be asked). */
    public synchronized Held<T> get(Predicate<T> has) {
        Instant now = clock.instant();
        boolean due = value == null || !now.isBefore(fetchedAt.plus(refresh));
        if (due && mayAsk(now)) {
            fetch(now);
        }
        if (value != null && !has.test(value) && mayAsk(now)) {
            fetch(now);
        }
        return new Held<>(value, fetchedAt);
    }

    private boolean mayAsk(Instant now) {
        return triedAt == null || !now.isBefore(triedAt.plus(refetch));
    }

    private void fetch(Instant now) {
        triedAt = now;
        try {
            value = source.fetch();
            fetchedAt = now;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "gemhost: {0} could not be fetched: {1}", new Object[] {what, e.getMessage()});
        }
    }
}
