package io.gemhost.publishing;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;

/**
 * Each ID token is exchanged once (docs/SECURITY.md): its issuer and jti are inserted in a
 * transaction of their own, which commits before the key is made, so the token is spent even if
 * the rest of the exchange fails. The primary key decides between concurrent exchanges of one
 * token on any node; the read before the insert only spares the common case an exception.
 */
@Stateless
public class UsedTokens {

    @PersistenceContext
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void claim(String issuer, String jti, Instant keepUntil) {
        UsedToken.Key key = new UsedToken.Key();
        key.issuer = issuer;
        key.jti = jti;
        if (em.find(UsedToken.class, key) != null) {
            throw spent();
        }
        try {
            em.persist(new UsedToken(issuer, jti, keepUntil));
            em.flush();
        } catch (PersistenceException duplicate) {
            throw spent();
        }
    }

    /** Forgets tokens past their expiry (they are refused as expired anyway). */
    public int forgetExpired(Instant now) {
        return em.createQuery("DELETE FROM UsedToken u WHERE u.expiresAt < :now").setParameter("now", now).executeUpdate();
    }

    private static ExchangeRefused spent() {
        return ExchangeRefused.notAccepted("this token has already been exchanged; each ID token is exchanged once (ask the CI for a new one)");
    }
}
