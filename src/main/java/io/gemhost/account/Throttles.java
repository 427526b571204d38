package io.gemhost.account;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Failure counters in the database, so a throttle holds across sessions, addresses and nodes.
 * Failures are recorded in their own transaction: they must commit even when the action fails.
 * The counter is incremented with one UPDATE, so concurrent failures are all counted.
 */
@Stateless
public class Throttles {

    @PersistenceContext
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public static String passwordKey(String emailAsTyped) {
        String key = emailAsTyped == null ? "" : emailAsTyped.trim().toLowerCase(Locale.ROOT);
        return "password:" + (key.length() > 260 ? key.substring(0, 260) : key);
    }

    public static String secondFactorKey(long accountId) {
        return "mfa:" + accountId;
    }

    /** The wait before this key may try again, if it must wait (Duration of a year when locked). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Duration> pause(String key) {
        Throttle t = em.find(Throttle.class, key);
        long now = clock.millis();
        if (t == null || t.getBlockedUntil() <= now) {
            return Optional.empty();
        }
        if (t.getBlockedUntil() == ThrottlePolicy.LOCKED) {
            return Optional.of(Duration.ofDays(365));
        }
        return Optional.of(Duration.ofMillis(t.getBlockedUntil() - now));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean locked(String key) {
        Throttle t = em.find(Throttle.class, key);
        return t != null && t.getBlockedUntil() == ThrottlePolicy.LOCKED;
    }

    @Resource
    SessionContext context;

    /**
     * Counts one failure and returns the consecutive failures now recorded. The first failure
     * of a key inserts its row; if another node inserted it at the same moment, the retry
     * takes the UPDATE path.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int fail(String key, boolean lockable) {
        Throttles self = context.getBusinessObject(Throttles.class);
        try {
            return self.recordFailure(key, lockable);
        } catch (EJBException | PersistenceException raced) {
            return self.recordFailure(key, lockable);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int recordFailure(String key, boolean lockable) {
        long now = clock.millis();
        int updated = em.createQuery("UPDATE Throttle t SET t.failures = t.failures + 1, t.updatedAt = :now WHERE t.key = :key")
                .setParameter("now", now).setParameter("key", key).executeUpdate();
        if (updated == 0) {
            em.persist(new Throttle(key, now));
            em.flush();
            return 1;
        }
        int failures = em.createQuery("SELECT t.failures FROM Throttle t WHERE t.key = :key", Integer.class)
                .setParameter("key", key).getSingleResult();
        long until = ThrottlePolicy.blockedUntil(failures, now, lockable);
        if (until != 0) {
            em.createQuery("UPDATE Throttle t SET t.blockedUntil = :until WHERE t.key = :key")
                    .setParameter("until", until).setParameter("key", key).executeUpdate();
        }
        return failures;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reset(String key) {
        em.createQuery("DELETE FROM Throttle t WHERE t.key = :key").setParameter("key", key).executeUpdate();
    }
}
