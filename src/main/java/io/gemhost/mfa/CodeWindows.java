package io.gemhost.mfa;

import io.gemhost.Sha256;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The gem client's code window (docs/API.md) in the shared database: which code an account had accepted on the API and
 * when, so that the gem client's repeats of that code within the window pass on every node.
 * Only a SHA-256 digest of account and code is kept. A plain bean of SecondFactor's, not a service of its own: it
 * runs in its caller's transaction, or in none (no container boundary of its own on the OTP path).
 */
@Dependent
public class CodeWindows {

    @PersistenceContext
    EntityManager em;

    static String digest(String value) {
        return Sha256.hex(value);
    }

    /** A plain read, outside any transaction (SecondFactor asks before the attempt is counted). */
    public boolean isOpen(long accountId, String digest, long since) {
        Number n = (Number) em.createNativeQuery("SELECT COUNT(*) FROM api_code_window WHERE account_id = ?1 AND code_digest = ?2 AND accepted_at > ?3")
                .setParameter(1, accountId).setParameter(2, digest).setParameter(3, since).getSingleResult();
        return n.longValue() > 0;
    }

    /** In the caller's transaction (SecondFactor.tryKind). */
    public void open(long accountId, String digest, long now, long expiredBefore) {
        em.createNativeQuery("DELETE FROM api_code_window WHERE account_id = ?1 AND (code_digest = ?2 OR accepted_at < ?3)")
                .setParameter(1, accountId).setParameter(2, digest).setParameter(3, expiredBefore).executeUpdate();
        em.createNativeQuery("INSERT INTO api_code_window (account_id, code_digest, accepted_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, accountId).setParameter(2, digest).setParameter(3, now).executeUpdate();
    }
}
