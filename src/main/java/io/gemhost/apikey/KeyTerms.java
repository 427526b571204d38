package io.gemhost.apikey;

import io.gemhost.GemhostException;
import io.gemhost.Names;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * The terms a key is made with, as both doors read them (the API's api_key form, the
 * /profile/api_keys page): its name, when it expires, and whether its scopes allow it to serve one
 * gem. Pure: the caller passes the clock's now and the field's name as its door calls it, so the
 * refusal names the field the person typed into.
 */
public final class KeyTerms {

    /** An expiry must be at least this far ahead when the key is made (rubygems.org's rule). */
    public static final Duration MIN_AHEAD = Duration.ofMinutes(1);
    /** Nothing later is a date anyone means; it also keeps the stored milliseconds in range. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final int MAX_NAME = 100;
    private static final int MAX_TIME_TEXT = 40;

    private KeyTerms() {
    }

    /** The key's name: blank gets a name from the time; at most 100 printable characters. */
    public static String name(String text, Instant now) {
        if (text == null || text.isBlank()) {
            return "key-" + DateTimeFormatter.ISO_INSTANT.format(now);
        }
        if (text.length() > MAX_NAME || !Names.isPlain(text)) {
            throw new GemhostException("apiKey.name");
        }
        return text.strip();
    }

    /**
     * When the key expires: empty for a blank text (never). ISO-8601 with an offset
     * ({@code 2030-01-31T12:00:00Z}, {@code ...+02:00}), or without one as UTC (a date alone is its
     * midnight), as rubygems.org reads it; at least {@link #MIN_AHEAD} after {@code now}.
     */
    public static Optional<Instant> expiresAt(String text, Instant now, String field) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Instant at = parse(text.strip()).filter(t -> !t.isAfter(LATEST))
                .orElseThrow(() -> new GemhostException("apiKey.expiresAt.format", field));
        if (at.isBefore(now.plus(MIN_AHEAD))) {
            throw new GemhostException("apiKey.expiresAt.past", field);
        }
        return Optional.of(at);
    }

    private static Optional<Instant> parse(String text) {
        if (text.length() > MAX_TIME_TEXT) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeException notWithOffset) {
            // below
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException notLocal) {
            // below
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
    }

    /** A key limited to a gem must hold a scope that acts on a gem ({@link Scope#GEM_SCOPABLE}). */
    public static void gemScopes(Set<Scope> scopes) {
        if (scopes.stream().noneMatch(Scope.GEM_SCOPABLE::contains)) {
            throw new GemhostException("apiKey.gem.scope");
        }
    }
}
