package io.gemhost.account;

import io.gemhost.Sha256;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.time.Clock;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Signed-in browser sessions, kept in the database so that ending them works across nodes: a
 * session whose row is gone is signed out at its next request, on whichever node it lands.
 * Rows hold a SHA-256 digest of the session's random key, never the key.
 */
@Stateless
public class Sessions {

    @Inject
    Clock clock;

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;
    @EJB
    AuditLog audit;

    /**
     * Starts a signed-in session: its row and, when {@code how} says how the person signed in,
     * the sign-in event, in one transaction. Returns the key only the browser session holds.
     */
    public String start(long accountId, String how, Client client) {
        String key = open(accountId);
        if (how != null) {
            audit.recordWith(accountId, EventKind.SIGN_IN, how, client);
        }
        return key;
    }

    private String open(long accountId) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        em.createNativeQuery("INSERT INTO account_session (digest, account_id, created_at) VALUES (?, ?, ?)")
                .setParameter(1, digest(key)).setParameter(2, accountId).setParameter(3, clock.millis()).executeUpdate();
        return key;
    }

    public boolean isOpen(String key, long accountId) {
        return key != null && !em.createNativeQuery("SELECT 1 FROM account_session WHERE digest = ? AND account_id = ?")
                .setParameter(1, digest(key)).setParameter(2, accountId).getResultList().isEmpty();
    }

    public void end(String key) {
        if (key != null) {
            em.createNativeQuery("DELETE FROM account_session WHERE digest = ?").setParameter(1, digest(key)).executeUpdate();
        }
    }

    /** Ends every session of the account but the one holding {@code keep}; returns how many ended. */
    public int endOthers(long accountId, String keep) {
        return em.createNativeQuery("DELETE FROM account_session WHERE account_id = ? AND digest <> ?")
                .setParameter(1, accountId).setParameter(2, keep == null ? "" : digest(keep)).executeUpdate();
    }

    /** Every other session of this user's account ends. */
    public int endOthers(CurrentUser user) {
        return endOthers(user.getAccountId(), user.getSessionKey());
    }

    public int others(long accountId, String keep) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM account_session WHERE account_id = ? AND digest <> ?")
                .setParameter(1, accountId).setParameter(2, keep == null ? "" : digest(keep)).getSingleResult()).intValue();
    }

    static String digest(String key) {
        return Sha256.hex(key);
    }
}
