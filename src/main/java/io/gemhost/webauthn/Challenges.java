package io.gemhost.webauthn;

import io.gemhost.Sha256;
import io.gemhost.account.CurrentUser;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The WebAuthn challenges this browser was given: 32 random bytes each, bound to the browser
 * (its session row's digest), to one purpose and (except for passkey sign-in) to one account,
 * valid for two minutes and taken at most once. A page that offers a key asks for a challenge as
 * it renders; only the newest few of a browser are kept. They live in the database
 * ({@code webauthn_challenge}, by the challenge's SHA-256 digest), so the node that checks the
 * response need not be the one that gave the challenge, and a single DELETE decides which of two
 * uses of one challenge, on any nodes, is the one (docs/SECURITY.md, "Factors").
 */
@Stateless
public class Challenges {

    public static final Duration LIFETIME = Duration.ofMinutes(2);
    static final int KEPT = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a challenge may be used for. */
    public enum Purpose { REGISTER, SECOND_FACTOR, PASSKEY }

    /** A challenge as it was given; note is what the page put in the options that the response cannot repeat (a new key's user handle). */
    public record Issued(Purpose purpose, long accountId, long expiresAt, String note) {

        /** Whether this challenge serves this purpose and account at this time. */
        public boolean serves(Purpose wanted, long account, long nowMillis) {
            return purpose == wanted && accountId == account && expiresAt > nowMillis;
        }
    }

    @PersistenceContext
    EntityManager em;
    @Inject
    CurrentUser user;
    @Inject
    Clock clock;

    /** A new challenge for this browser, purpose and account (0 when no account is known yet). */
    public byte[] issue(Purpose purpose, long accountId, long nowMillis, String note) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        String browser = user.browserKey();
        em.createNativeQuery("DELETE FROM webauthn_challenge WHERE browser = ? AND expires_at <= ?")
                .setParameter(1, browser).setParameter(2, nowMillis).executeUpdate();
        em.createNativeQuery("DELETE FROM webauthn_challenge WHERE digest IN (SELECT digest FROM webauthn_challenge WHERE browser = ?"
                        + " ORDER BY issued_at DESC, digest OFFSET " + (KEPT - 1) + " ROWS)")
                .setParameter(1, browser).executeUpdate();
        em.createNativeQuery("INSERT INTO webauthn_challenge (digest, browser, purpose, account_id, issued_at, expires_at, note)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, digest(challenge)).setParameter(2, browser).setParameter(3, purpose.name())
                .setParameter(4, accountId).setParameter(5, nowMillis).setParameter(6, nowMillis + LIFETIME.toMillis())
                .setParameter(7, note == null ? "" : note).executeUpdate();
        return challenge;
    }

    /**
     * Once for a challenge this browser was given for this purpose and account, within its
     * lifetime. Any use spends it (also a use for another purpose or account); of two uses at once,
     * on any nodes, the DELETE that removed the row is the only one that may pass.
     */
    public Optional<Issued> take(Purpose purpose, long accountId, byte[] challenge, long nowMillis) {
        if (challenge == null || challenge.length != 32) {
            return Optional.empty();
        }
        String digest = digest(challenge);
        String browser = user.browserKey();
        List<?> rows = em.createNativeQuery("SELECT purpose, account_id, expires_at, note FROM webauthn_challenge WHERE digest = ? AND browser = ?")
                .setParameter(1, digest).setParameter(2, browser).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        int spent = em.createNativeQuery("DELETE FROM webauthn_challenge WHERE digest = ? AND browser = ?")
                .setParameter(1, digest).setParameter(2, browser).executeUpdate();
        if (spent != 1) {
            return Optional.empty(); // another request took it first
        }
        Object[] row = (Object[]) rows.get(0);
        String note = (String) row[3];
        Issued found = new Issued(Purpose.valueOf((String) row[0]), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                note == null || note.isEmpty() ? null : note);
        return found.serves(purpose, accountId, nowMillis) ? Optional.of(found) : Optional.empty();
    }

    /** Every 15 minutes, on every node: challenges past their lifetime are deleted. */
    @Schedule(hour = "*", minute = "*/15", persistent = false)
    void purge() {
        em.createNativeQuery("DELETE FROM webauthn_challenge WHERE expires_at <= ?").setParameter(1, clock.millis()).executeUpdate();
    }

    private static String digest(byte[] challenge) {
        return Sha256.hex(Base64.getUrlEncoder().withoutPadding().encodeToString(challenge));
    }
}
