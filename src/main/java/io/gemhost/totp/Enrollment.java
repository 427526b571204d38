package io.gemhost.totp;

import io.gemhost.GemhostException;
import io.gemhost.account.Throttles;
import io.gemhost.audit.Client;
import io.gemhost.config.Settings;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Registering an authenticator: a pending key per account and browser session, valid for
 * GEMHOST_PENDING_TOTP_S; a correct code (check) moves it into place (install) in the caller's
 * transaction, that code's step counting as used (docs/SECURITY.md, "Factors"). A later
 * registration replaces the key, and the old key works until then. What the key does to the MFA
 * level is mfa/AuthenticatorRegistration's.
 */
@Stateless
public class Enrollment {

    /** CURRENT_NEEDED: MFA was switched on after the caller decided no current factor was needed; nothing changed. */
    public enum Outcome { ENABLED, ADDED, REPLACED, WRONG, EXPIRED, PAUSED, CURRENT_NEEDED }

    public record Result(Outcome outcome, List<String> recoveryCodes, Duration retryAfter) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;
    @Inject
    KeyVault vault;
    @EJB
    TotpKeys keys;
    @EJB
    Throttles throttles;
    @Inject
    Settings settings;
    @Resource
    SessionContext context;

    @Inject
    Clock clock;

    /** The key this session is registering, made anew when there is none or it expired. */
    public byte[] pendingKey(long accountId, String sessionKey) {
        Optional<PendingTotp> pending = find(accountId, sessionKey);
        if (pending.isPresent() && !expired(pending.get())) {
            return vault.open(pending.get().getSealedKey(), accountId);
        }
        pending.ifPresent(em::remove);
        em.flush();
        byte[] key = Totp.newKey(RANDOM);
        em.persist(new PendingTotp(accountId, sessionKey, vault.seal(key, accountId), clock.instant()));
        return key;
    }

    /** The key this session is registering, if there is one that has not expired; writes nothing. */
    public Optional<byte[]> findPendingKey(long accountId, String sessionKey) {
        return find(accountId, sessionKey).filter(p -> !expired(p)).map(p -> vault.open(p.getSealedKey(), accountId));
    }

    /**
     * A code from this session's pending key, checked: counted on the account's second-factor
     * throttle first; then either a refusal (EXPIRED, WRONG or PAUSED) or the key and the step its
     * code used, for install. Writes nothing but the throttle.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Checked check(long accountId, String sessionKey, String code, Client client) {
        Optional<PendingTotp> pending = context.getBusinessObject(Enrollment.class).findPending(accountId, sessionKey);
        if (pending.isEmpty() || expired(pending.get())) {
            return Checked.refused(new Result(Outcome.EXPIRED, List.of(), Duration.ZERO));
        }
        Throttles.Attempt attempt = throttles.attempt(Throttles.secondFactorKey(accountId), true);
        if (!attempt.allowed()) {
            return Checked.refused(new Result(Outcome.PAUSED, List.of(), attempt.retryAfter()));
        }
        byte[] key = vault.open(pending.get().getSealedKey(), accountId);
        OptionalLong step = Totp.verify(key, code, Long.MIN_VALUE, clock);
        if (step.isEmpty()) {
            Throttles.Failed failed = throttles.failed(attempt, true, accountId, "while registering an authenticator", client);
            return Checked.refused(failed.failure() == Throttles.Failure.WRONG
                    ? new Result(Outcome.WRONG, List.of(), Duration.ZERO)
                    : new Result(Outcome.PAUSED, List.of(), failed.retryAfter()));
        }
        return new Checked(null, accountId, pending.get().getId(), key, step.getAsLong());
    }

    /** A checked code: refusal, or the pending key's id, the key and the step its code used. */
    public record Checked(Result refusal, long accountId, long pendingId, byte[] key, long step) {
        static Checked refused(Result refusal) {
            return new Checked(refusal, 0, 0, null, 0);
        }
    }

    public Optional<PendingTotp> findPending(long accountId, String sessionKey) {
        return find(accountId, sessionKey);
    }

    /**
     * In the caller's transaction, under its lock on the account (Accounts.lockFactors): the
     * checked pending key becomes the account's key, its code's step counting as used. True if it replaced a key; a GemhostException
     * (error.totp.expired) if the pending key is gone meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean install(Checked checked) {
        if (checked.refusal() != null) {
            throw new IllegalArgumentException("a refused code installs nothing");
        }
        if (em.createQuery("DELETE FROM PendingTotp p WHERE p.id = :id").setParameter("id", checked.pendingId()).executeUpdate() != 1) {
            throw new GemhostException("error.totp.expired");
        }
        boolean replacing = keys.find(checked.accountId()).isPresent();
        keys.put(checked.accountId(), checked.key(), checked.step());
        return replacing;
    }

    /** Every key the account's sessions are still registering (MFA switched off). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void discardPending(long accountId) {
        em.createQuery("DELETE FROM PendingTotp p WHERE p.accountId = :account").setParameter("account", accountId).executeUpdate();
    }

    private Optional<PendingTotp> find(long accountId, String sessionKey) {
        return em.createNamedQuery("PendingTotp.find", PendingTotp.class)
                .setParameter("account", accountId).setParameter("session", sessionKey)
                .getResultStream().findFirst();
    }

    private boolean expired(PendingTotp pending) {
        return pending.getCreatedAt().plus(settings.pendingTotpLifetime()).isBefore(clock.instant());
    }
}
