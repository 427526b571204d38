package io.gemhost.account;

import io.gemhost.Sha256;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Browser sessions in the database, so that any node serves any request (docs/ARCHITECTURE.md,
 * "Stateless nodes"). A browser holds a random 32-byte token in its cookie; its row is keyed by the
 * token's SHA-256 digest, never the token. A row unseen for {@link #IDLE} is gone (sliding: the time
 * it was seen is written at most once per {@link #TOUCH}); the purge runs every 15 minutes.
 */
@Stateless
public class BrowserStates {

    /** The container's session-timeout before: 30 minutes without a request. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration TOUCH = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;

    private static final String COLUMNS = "csrf, seen_at, account_id, handle, signed_in, session_key, awaiting_since, return_to, notice, "
            + "messages, held_account_id, held_handle, held_how, held_return_to, held_since, fresh_codes";

    /** A fresh random value: a browser's token, a form token. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String digest(String token) {
        return Sha256.hex(token);
    }

    /** The state of the browser with this token, if it was seen within {@link #IDLE}; moves its idle time on. */
    public Optional<BrowserState> find(String token) {
        if (token == null || token.length() != 64) {
            return Optional.empty();
        }
        long now = clock.millis();
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM browser_state WHERE digest = ? AND seen_at > ?")
                .setParameter(1, digest(token)).setParameter(2, now - IDLE.toMillis()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        BrowserState state = read((Object[]) rows.get(0));
        if (now - state.seenAt >= TOUCH.toMillis()) {
            em.createNativeQuery("UPDATE browser_state SET seen_at = ? WHERE digest = ? AND seen_at < ?")
                    .setParameter(1, now).setParameter(2, digest(token)).setParameter(3, now - TOUCH.toMillis()).executeUpdate();
            state.seenAt = now;
        }
        return Optional.of(state);
    }

    /** A new browser: an empty row with a new form token. Returns its token, which only the cookie holds. */
    public String create(BrowserState state) {
        String token = random();
        state.csrf = random();
        state.seenAt = clock.millis();
        em.createNativeQuery("INSERT INTO browser_state (digest, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, digest(token)).setParameter(2, state.csrf).setParameter(3, state.seenAt)
                .setParameter(4, id(state.accountId)).setParameter(5, text(state.handle)).setParameter(6, state.signedIn)
                .setParameter(7, text(state.sessionKey)).setParameter(8, state.awaitingSince).setParameter(9, text(state.returnTo))
                .setParameter(10, text(state.notice)).setParameter(11, text(state.messages)).setParameter(12, id(state.heldAccountId))
                .setParameter(13, text(state.heldHandle)).setParameter(14, text(state.heldHow)).setParameter(15, text(state.heldReturnTo))
                .setParameter(16, state.heldSince).setParameter(17, text(state.freshCodes)).executeUpdate();
        return token;
    }

    /** Writes the state through; false when the row is gone (purged, or ended by another request). */
    public boolean save(String token, BrowserState state) {
        return em.createNativeQuery("UPDATE browser_state SET account_id = ?, handle = ?, signed_in = ?, session_key = ?, awaiting_since = ?, "
                + "return_to = ?, notice = ?, messages = ?, held_account_id = ?, held_handle = ?, held_how = ?, held_return_to = ?, "
                + "held_since = ?, fresh_codes = ? WHERE digest = ?")
                .setParameter(1, id(state.accountId)).setParameter(2, text(state.handle)).setParameter(3, state.signedIn)
                .setParameter(4, text(state.sessionKey)).setParameter(5, state.awaitingSince).setParameter(6, text(state.returnTo))
                .setParameter(7, text(state.notice)).setParameter(8, text(state.messages)).setParameter(9, id(state.heldAccountId))
                .setParameter(10, text(state.heldHandle)).setParameter(11, text(state.heldHow)).setParameter(12, text(state.heldReturnTo))
                .setParameter(13, state.heldSince).setParameter(14, text(state.freshCodes)).setParameter(15, digest(token))
                .executeUpdate() == 1;
    }

    /**
     * A new token and form token for the same state (docs/SECURITY.md, "Sessions": the session id
     * changes at sign-in); the old token names nothing from now on. Returns the new token, or
     * empty when the row is gone.
     */
    public Optional<String> rotate(String token, BrowserState state) {
        String fresh = random();
        String csrf = random();
        int changed = em.createNativeQuery("UPDATE browser_state SET digest = ?, csrf = ?, seen_at = ? WHERE digest = ?")
                .setParameter(1, digest(fresh)).setParameter(2, csrf).setParameter(3, clock.millis()).setParameter(4, digest(token))
                .executeUpdate();
        if (changed != 1) {
            return Optional.empty();
        }
        state.csrf = csrf;
        return Optional.of(fresh);
    }

    /** The browser's session ends: its row is deleted. */
    public void end(String token) {
        em.createNativeQuery("DELETE FROM browser_state WHERE digest = ?").setParameter(1, digest(token)).executeUpdate();
    }

    /** Every 15 minutes, on every node: rows idle for {@link #IDLE} are deleted. */
    @Schedule(hour = "*", minute = "*/15", persistent = false)
    void purge() {
        em.createNativeQuery("DELETE FROM browser_state WHERE seen_at <= ?").setParameter(1, clock.millis() - IDLE.toMillis()).executeUpdate();
    }

    private static BrowserState read(Object[] row) {
        BrowserState s = new BrowserState();
        s.csrf = (String) row[0];
        s.seenAt = number(row[1]);
        s.accountId = id(row[2]);
        s.handle = text(row[3]);
        s.signedIn = Boolean.TRUE.equals(row[4]) || (row[4] instanceof Number n && n.intValue() != 0);
        s.sessionKey = text(row[5]);
        s.awaitingSince = number(row[6]);
        s.returnTo = text(row[7]);
        s.notice = text(row[8]);
        s.messages = text(row[9]);
        s.heldAccountId = id(row[10]);
        s.heldHandle = text(row[11]);
        s.heldHow = text(row[12]);
        s.heldReturnTo = text(row[13]);
        s.heldSince = number(row[14]);
        s.freshCodes = text(row[15]);
        return s;
    }

    // no null is ever bound (PostgreSQL's driver and Hibernate type an untyped null badly): none is 0 or ""
    private static long id(Long value) {
        return value == null ? 0 : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Long id(Object value) {
        long id = number(value);
        return id == 0 ? null : id;
    }

    private static String text(Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
