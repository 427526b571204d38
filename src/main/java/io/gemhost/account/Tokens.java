package io.gemhost.account;

import io.gemhost.Sha256;
import jakarta.inject.Inject;
import java.time.Clock;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Single-use tokens sent by mail (email confirmation, password reset, email change): 256 random
 * bits, stored only as a SHA-256 digest, valid for a fixed time, used up by one conditional UPDATE
 * so that two clicks at once cannot both succeed. A new token of a purpose replaces older ones.
 */
@Stateless
public class Tokens {

    @Inject
    Clock clock;

    public enum Purpose { CONFIRM, RESET, EMAIL_CHANGE }

    /** A valid token's row. */
    public record Token(String digest, long accountId, Purpose purpose, String newEmail) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    public String issue(long accountId, Purpose purpose, String newEmail, Duration lifetime) {
        em.createNativeQuery("DELETE FROM account_token WHERE account_id = ? AND purpose = ?")
                .setParameter(1, accountId).setParameter(2, purpose.name()).executeUpdate();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        em.createNativeQuery("INSERT INTO account_token (digest, account_id, purpose, new_email, expires_at) VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, digest(token)).setParameter(2, accountId).setParameter(3, purpose.name())
                .setParameter(4, newEmail == null ? "" : newEmail).setParameter(5, clock.millis() + lifetime.toMillis())
                .executeUpdate();
        return token;
    }

    /** Whether a still unused token of this purpose was issued less than {@code within} ago (mail flood guard). */
    public boolean issuedWithin(long accountId, Purpose purpose, Duration lifetime, Duration within) {
        long issuedAfter = clock.millis() - within.toMillis();
        return !em.createNativeQuery("SELECT 1 FROM account_token WHERE account_id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?")
                .setParameter(1, accountId).setParameter(2, purpose.name()).setParameter(3, issuedAfter + lifetime.toMillis())
                .getResultList().isEmpty();
    }

    /** The token's row if it exists for this purpose, is unused and has not expired. */
    public Optional<Token> find(String token, Purpose purpose) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String digest = digest(token);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT account_id, new_email FROM account_token"
                        + " WHERE digest = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?")
                .setParameter(1, digest).setParameter(2, purpose.name()).setParameter(3, clock.millis()).getResultList();
        return rows.stream().findFirst().map(r -> new Token(digest, ((Number) r[0]).longValue(), purpose,
                r[1] == null || ((String) r[1]).isEmpty() ? null : (String) r[1]));
    }

    /** Uses the token up; true for exactly one caller. */
    public boolean use(Token token) {
        return em.createNativeQuery("UPDATE account_token SET used_at = ? WHERE digest = ? AND used_at IS NULL AND expires_at > ?")
                .setParameter(1, clock.millis()).setParameter(2, token.digest()).setParameter(3, clock.millis())
                .executeUpdate() == 1;
    }

    static String digest(String token) {
        return Sha256.hex(token);
    }
}
