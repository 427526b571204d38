package io.gemhost.totp;

import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.MfaLevel;
import io.gemhost.account.Throttles;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.config.Settings;
import io.gemhost.recovery.RecoveryCodes;
import jakarta.annotation.Resource;
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
 * GEMHOST_PENDING_TOTP_S; a correct code moves it into place in one transaction, that code's step
 * counting as used (docs/SECURITY.md, "Factors"). The first registration turns MFA on at "UI only" and makes the
 * recovery codes; a later one replaces the key, and the old key works until then.
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
    Accounts accounts;
    @Inject
    KeyVault vault;
    @Inject
    TotpKeys keys;
    @Inject
    RecoveryCodes recoveryCodes;
    @Inject
    Throttles throttles;
    @Inject
    AuditLog audit;
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

    /** {@code currentGiven}: whether the caller proved a current second factor (needed when MFA is on). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result confirm(long accountId, String sessionKey, String code, boolean currentGiven, Client client) {
        String throttleKey = Throttles.secondFactorKey(accountId);
        Enrollment self = context.getBusinessObject(Enrollment.class);
        Optional<PendingTotp> pending = self.findPending(accountId, sessionKey);
        if (pending.isEmpty() || expired(pending.get())) {
            return new Result(Outcome.EXPIRED, List.of(), Duration.ZERO);
        }
        Throttles.Attempt attempt = throttles.attempt(throttleKey, true);
        if (!attempt.allowed()) {
            return new Result(Outcome.PAUSED, List.of(), attempt.retryAfter());
        }
        byte[] key = vault.open(pending.get().getSealedKey(), accountId);
        OptionalLong step = Totp.verify(key, code, Long.MIN_VALUE, clock);
        if (step.isEmpty()) {
            Throttles.Failed failed = throttles.failed(attempt, true, accountId, "while registering an authenticator", client);
            return failed.failure() == Throttles.Failure.WRONG
                    ? new Result(Outcome.WRONG, List.of(), Duration.ZERO)
                    : new Result(Outcome.PAUSED, List.of(), failed.retryAfter());
        }
        try {
            Result result = self.activate(accountId, pending.get().getId(), key, step.getAsLong(), currentGiven, client);
            if (result.outcome() != Outcome.CURRENT_NEEDED) {
                throttles.reset(throttleKey);
            }
            return result;
        } catch (GemhostException alreadyDone) {
            return new Result(Outcome.EXPIRED, List.of(), Duration.ZERO);
        }
    }

    public Optional<PendingTotp> findPending(long accountId, String sessionKey) {
        return find(accountId, sessionKey);
    }

    /**
     * One transaction, under the account's lock (Accounts.lockFactors): the pending key becomes
     * the account's key, and MFA is on. If MFA was switched on since the caller decided that no
     * current factor was needed, nothing changes.
     */
    public Result activate(long accountId, long pendingId, byte[] key, long step, boolean currentGiven, Client client) {
        Account account = accounts.lockFactors(accountId);
        if (account.getMfaLevel().isOn() && !currentGiven) {
            return new Result(Outcome.CURRENT_NEEDED, List.of(), Duration.ZERO);
        }
        if (em.createQuery("DELETE FROM PendingTotp p WHERE p.id = :id").setParameter("id", pendingId).executeUpdate() != 1) {
            throw new GemhostException("error.totp.expired");
        }
        boolean replacing = keys.find(accountId).isPresent();
        keys.put(accountId, key, step);
        if (account.getMfaLevel().isOn()) { // MFA stays at its level with its recovery codes
            audit.recordWith(accountId, replacing ? EventKind.DEVICE_REPLACED : EventKind.AUTHENTICATOR_ADDED, null, client);
            return new Result(replacing ? Outcome.REPLACED : Outcome.ADDED, List.of(), Duration.ZERO);
        }
        account.setMfaLevel(MfaLevel.UI_ONLY);
        List<String> codes = recoveryCodes.replace(accountId);
        audit.recordWith(accountId, EventKind.MFA_ENABLED, "level UI only", client);
        return new Result(Outcome.ENABLED, codes, Duration.ZERO);
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
