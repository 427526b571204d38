package io.gemhost.account;

import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Failure counters in the database, so a throttle holds across sessions, addresses and nodes.
 * No check runs before every earlier attempt of its key is counted: an attempt is counted in its
 * own transaction before its check runs (attempt), or its check runs in the transaction that holds
 * the key's row and settles the count (hold, then settle: a second factor's check). A success
 * resets the count. So the count commits even when the action fails, and concurrent attempts
 * cannot all slip past the limit while their checks run.
 */
@Stateless
public class Throttles {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;
    @EJB
    AuditLog audit;

    public static String passwordKey(String emailAsTyped) {
        String key = emailAsTyped == null ? "" : emailAsTyped.trim().toLowerCase(Locale.ROOT);
        return "password:" + (key.length() > 260 ? key.substring(0, 260) : key);
    }

    public static String secondFactorKey(long accountId) {
        return "mfa:" + accountId;
    }

    /**
     * Passkey sign-ins from one client address. A passkey attempt proves nothing about who sent
     * it until its signature verifies, so it counts here (pauses, never a lock) and not on the
     * account the credential names, which a stranger could otherwise pause and lock.
     */
    public static String passkeyKey(String clientAddress) {
        return "passkey:" + (clientAddress == null ? "" : clientAddress);
    }

    /** Recovery codes tried on a locked second factor through a password reset link. */
    public static String unlockKey(long accountId) {
        return "unlock:" + accountId;
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
     * What the throttle says to one attempt. Allowed: the attempt is already counted as failure
     * number {@code number} in a row, and a success resets the count. Refused: nothing was
     * counted, and the key may try again after {@code retryAfter} (a year when locked).
     */
    public record Attempt(int number, Duration retryAfter, boolean locked) {
        public boolean allowed() {
            return number > 0;
        }

        /** The pause that starts if this allowed attempt fails (zero while failures are still free). */
        public Duration pauseIfFailed() {
            return ThrottlePolicy.pauseAfter(number);
        }

        static Attempt refused(long blockedUntil, long now) {
            return blockedUntil == ThrottlePolicy.LOCKED
                    ? new Attempt(0, Duration.ofDays(365), true)
                    : new Attempt(0, Duration.ofMillis(Math.max(1000, blockedUntil - now)), false);
        }
    }

    /**
     * Counts an attempt before its check runs, and says whether the check may run (the numbers
     * are ThrottlePolicy's). Counting first is what makes the throttle hold under concurrency: of a
     * burst of guesses, only as many as the policy allows get a number, and the attempt that would
     * start a pause blocks the key while it is still being checked. The caller runs the check
     * only when allowed, and calls reset after a success. The first attempt of a key inserts its
     * row; if another request or node inserted it at the same moment, the retry takes the UPDATE path.
     * A reset keeps the row (at zero), so only the very first attempts of a key can race that way.
     * The price of counting first: an attempt in flight counts as a failure until its check ends,
     * so while ten attempts of a key are in flight an eleventh is refused, even if they all turn
     * out right (the first success lifts the pause).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Attempt attempt(String key, boolean lockable) {
        Throttles self = context.getBusinessObject(Throttles.class);
        return retriedOnRace(() -> self.count(key, lockable));
    }

    /**
     * Runs a transaction that counts an attempt (count, or a caller's that holds the key: hold), and
     * runs it again, three times at most, if it failed: that happens when a key's first attempt
     * made its row at the same moment as another's. Nothing of a failed try committed, so it is
     * tried again whole, and then takes the UPDATE path.
     */
    public static <T> T retriedOnRace(Supplier<T> transaction) {
        for (int tries = 1; ; tries++) {
            try {
                return transaction.get();
            } catch (EJBException | PersistenceException raced) {
                if (tries == 3) {
                    throw raced;
                }
            }
        }
    }

    /**
     * One transaction: the conditional UPDATE counts only a key that is not blocked and holds its
     * row until commit, so the count read next is exact; blocked_until is set to what applies
     * should this attempt fail. A blocked key is refused and not counted, so refusals never make
     * the pause grow.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Attempt count(String key, boolean lockable) {
        long now = clock.millis();
        int updated = em.createQuery("UPDATE Throttle t SET t.failures = t.failures + 1, t.updatedAt = :now "
                        + "WHERE t.key = :key AND t.blockedUntil <= :now")
                .setParameter("now", now).setParameter("key", key).executeUpdate();
        if (updated == 0) {
            Optional<Long> blockedUntil = em.createQuery("SELECT t.blockedUntil FROM Throttle t WHERE t.key = :key", Long.class)
                    .setParameter("key", key).getResultStream().findFirst();
            if (blockedUntil.isEmpty()) {
                em.persist(new Throttle(key, 1, now));
                em.flush();
                return new Attempt(1, Duration.ZERO, false);
            }
            if (blockedUntil.get() <= now) {
                throw new IllegalStateException("throttle row of " + key + " changed under the UPDATE; retry");
            }
            return Attempt.refused(blockedUntil.get(), now);
        }
        int failures = em.createQuery("SELECT t.failures FROM Throttle t WHERE t.key = :key", Integer.class)
                .setParameter("key", key).getSingleResult();
        long until = ThrottlePolicy.blockedUntil(failures, now, lockable);
        if (until != 0) {
            em.createQuery("UPDATE Throttle t SET t.blockedUntil = :until WHERE t.key = :key")
                    .setParameter("until", until).setParameter("key", key).executeUpdate();
        }
        return new Attempt(failures, Duration.ZERO, false);
    }

    /**
     * An attempt counted inside the caller's transaction, which also runs the check and then
     * settles it (a second factor's check: SecondFactor). The key's row is locked until that
     * transaction ends (made, at zero failures, if the key has none), so concurrent attempts of one
     * key take turns, each seeing the count that the one before it left: as strict as attempt, and
     * cheaper (no commit of its own, and a success at zero failures writes nothing). The number
     * is what the count becomes if this attempt fails. Refused while the key is blocked, and then
     * there is nothing to settle. If another request made the key's row at the same moment, this
     * throws, and the caller runs its transaction again (retriedOnRace).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Attempt hold(String key) {
        long now = clock.millis();
        Throttle t = em.find(Throttle.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            t = new Throttle(key, 0, now);
            em.persist(t);
            em.flush();
        }
        if (t.getBlockedUntil() > now) {
            return Attempt.refused(t.getBlockedUntil(), now);
        }
        return new Attempt(t.getFailures() + 1, Duration.ZERO, false);
    }

    /**
     * The end of an attempt that hold allowed, in the same transaction: a success clears the count;
     * a failure is counted, and pauses or locks the key as ThrottlePolicy says.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void settle(String key, Attempt held, boolean succeeded, boolean lockable) {
        Throttle t = em.find(Throttle.class, key);
        long now = clock.millis();
        if (!succeeded) {
            t.failed(held.number(), ThrottlePolicy.blockedUntil(held.number(), now, lockable), now);
        } else if (t.getFailures() != 0 || t.getBlockedUntil() != 0) {
            t.clear(now);
        }
    }

    /** What a failed second-factor check leads to: WRONG (try again), PAUSED or LOCKED for {@code retryAfter}. */
    public enum Failure { WRONG, PAUSED, LOCKED }

    public record Failed(Failure failure, Duration retryAfter) {
    }

    /**
     * The one end of a failed check of any second factor (a code, a recovery code, a security key,
     * a passkey, a new authenticator's code), after its attempt was counted: the failure is logged
     * on the account ({@code detail} says which factor), the 10th failure in a row logs the pause
     * and the 100th, on a lockable key, the lock; both mail the holder (docs/SECURITY.md,
     * "Throttles"). So every factor kind pauses, locks and tells the holder the same way.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Failed failed(Attempt attempt, boolean lockable, long accountId, String detail, Client client) {
        int failures = attempt.number();
        audit.record(accountId, EventKind.OTP_FAILED, detail, client);
        if (lockable && failures >= ThrottlePolicy.LOCK_FAILURES) {
            if (failures == ThrottlePolicy.LOCK_FAILURES) {
                audit.record(accountId, EventKind.SECOND_FACTOR_LOCKED, null, client);
            }
            return new Failed(Failure.LOCKED, Duration.ofDays(365));
        }
        if (failures >= ThrottlePolicy.FREE_FAILURES) {
            if (failures == ThrottlePolicy.FREE_FAILURES) {
                audit.record(accountId, EventKind.SECOND_FACTOR_THROTTLED, failures + " failures in a row", client);
            }
            return new Failed(Failure.PAUSED, ThrottlePolicy.pauseAfter(failures));
        }
        return new Failed(Failure.WRONG, Duration.ZERO);
    }

    /**
     * After a success, or when an operator or a password reset clears the key: zero failures, no
     * pause. Part of the caller's transaction (the success it records), or its own without one.
     */
    public void reset(String key) {
        em.createQuery("UPDATE Throttle t SET t.failures = 0, t.blockedUntil = 0, t.updatedAt = :now WHERE t.key = :key")
                .setParameter("now", clock.millis()).setParameter("key", key).executeUpdate();
    }
}
