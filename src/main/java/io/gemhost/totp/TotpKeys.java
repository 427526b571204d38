package io.gemhost.totp;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stored authenticator keys. A time step is consumed with one conditional UPDATE, so of any
 * number of racing requests on any nodes exactly one gets a given step (docs/SECURITY.md).
 */
@Stateless
public class TotpKeys {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;
    @Inject
    KeyVault vault;

    public Optional<TotpKey> find(long accountId) {
        return Optional.ofNullable(em.find(TotpKey.class, accountId));
    }

    /**
     * Whether the code is right for the account's key (the current step or one either side, newer
     * than the last step used) and this caller is the one that used its step: the step is moved
     * forward by the conditional update, so of racing requests exactly one wins it.
     */
    public boolean use(long accountId, String code) {
        TotpKey stored = em.find(TotpKey.class, accountId);
        if (stored == null) {
            return false;
        }
        OptionalLong step = Totp.verify(vault.open(stored.getSealedKey(), accountId), code, stored.getLastStep(), clock);
        return step.isPresent() && consume(accountId, step.getAsLong());
    }

    /** True for the one caller that moved the key's last used step forward to this step. */
    private boolean consume(long accountId, long step) {
        return em.createQuery("UPDATE TotpKey k SET k.lastStep = :step WHERE k.accountId = :account AND k.lastStep < :step")
                .setParameter("step", step).setParameter("account", accountId).executeUpdate() == 1;
    }

    /** Stores a confirmed key in place of any earlier one; the confirming step counts as used. */
    public void put(long accountId, byte[] key, long usedStep) {
        // The current key, when this transaction has read it (Enrollment.activate asks whether one exists),
        // stays in the persistence context after a bulk DELETE; a provider may then refuse a new
        // entity with its id (Hibernate does), so it leaves the context first.
        TotpKey earlier = em.find(TotpKey.class, accountId);
        if (earlier != null) {
            em.detach(earlier);
        }
        em.createQuery("DELETE FROM TotpKey k WHERE k.accountId = :account").setParameter("account", accountId).executeUpdate();
        em.persist(new TotpKey(accountId, vault.seal(key, accountId), usedStep, clock.instant()));
    }

    public void delete(long accountId) {
        em.createQuery("DELETE FROM TotpKey k WHERE k.accountId = :account").setParameter("account", accountId).executeUpdate();
    }

    /**
     * Re-seals every stored and pending key that is sealed under GEMHOST_SECRET_KEY_PREVIOUS with
     * GEMHOST_SECRET_KEY, in one transaction; returns how many. A key that opens under neither
     * fails the whole rotation, so nothing is left half done.
     */
    public int rotate() {
        int count = 0;
        for (String table : new String[] {"totp_key", "pending_totp"}) {
            String id = table.equals("totp_key") ? "account_id" : "id";
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT " + id + ", account_id, sealed_key FROM " + table).getResultList();
            for (Object[] row : rows) {
                long accountId = ((Number) row[1]).longValue();
                Optional<String> resealed = vault.reseal((String) row[2], accountId);
                if (resealed.isPresent()) {
                    count += em.createNativeQuery("UPDATE " + table + " SET sealed_key = ? WHERE " + id + " = ?")
                            .setParameter(1, resealed.get()).setParameter(2, ((Number) row[0]).longValue()).executeUpdate();
                }
            }
        }
        return count;
    }
}
