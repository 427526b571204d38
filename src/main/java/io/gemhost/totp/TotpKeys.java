package io.gemhost.totp;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Stored authenticator keys. A time step is consumed with one conditional UPDATE, so of any
 * number of racing requests on any nodes exactly one gets a given step (SECURITY.md rule 4).
 */
@Stateless
public class TotpKeys {

    @PersistenceContext
    EntityManager em;
    @Inject
    KeyVault vault;

    public Optional<TotpKey> find(long accountId) {
        return Optional.ofNullable(em.find(TotpKey.class, accountId));
    }

    public byte[] keyOf(TotpKey stored) {
        return vault.open(stored.getSealedKey(), stored.getAccountId());
    }

    /** True for the one caller that moved the key's last used step forward to this step. */
    public boolean consume(long accountId, long step) {
        return em.createQuery("UPDATE TotpKey k SET k.lastStep = :step WHERE k.accountId = :account AND k.lastStep < :step")
                .setParameter("step", step).setParameter("account", accountId).executeUpdate() == 1;
    }

    /** Stores a confirmed key in place of any earlier one; the confirming step counts as used. */
    public void put(long accountId, byte[] key, long usedStep) {
        em.createQuery("DELETE FROM TotpKey k WHERE k.accountId = :account").setParameter("account", accountId).executeUpdate();
        em.persist(new TotpKey(accountId, vault.seal(key, accountId), usedStep, System.currentTimeMillis()));
    }

    public void delete(long accountId) {
        em.createQuery("DELETE FROM TotpKey k WHERE k.accountId = :account").setParameter("account", accountId).executeUpdate();
    }
}
