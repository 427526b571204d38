package io.gemhost.mfa;

import io.gemhost.account.Account;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.recovery.RecoveryCodes;
import io.gemhost.totp.TotpKeys;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Changing an account's MFA level, which always takes a current code (SECURITY.md rule 17).
 * "Disabled" removes the key and the recovery codes in the same transaction.
 */
@Stateless
public class Levels {

    @PersistenceContext
    EntityManager em;
    @Inject
    SecondFactor secondFactor;
    @Inject
    TotpKeys keys;
    @Inject
    RecoveryCodes recoveryCodes;
    @Inject
    AuditLog audit;
    @Resource
    SessionContext context;

    public MfaLevel of(long accountId) {
        Account account = em.find(Account.class, accountId);
        return account == null ? MfaLevel.DISABLED : MfaLevel.fromCode(account.getMfaLevel()).orElse(MfaLevel.DISABLED);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SecondFactor.Verdict change(long accountId, MfaLevel target, String code, Client client) {
        SecondFactor.Verdict verdict = secondFactor.verify(accountId, code, client);
        if (verdict.ok()) {
            context.getBusinessObject(Levels.class).apply(accountId, target, client);
        }
        return verdict;
    }

    public void apply(long accountId, MfaLevel target, Client client) {
        Account account = em.find(Account.class, accountId);
        String before = account.getMfaLevel();
        if (target == MfaLevel.DISABLED) {
            keys.delete(accountId);
            recoveryCodes.deleteAll(accountId);
            em.createQuery("DELETE FROM PendingTotp p WHERE p.accountId = :account").setParameter("account", accountId).executeUpdate();
            account.setMfaLevel(MfaLevel.DISABLED.code());
            audit.recordWith(accountId, EventKind.MFA_DISABLED, null, client);
        } else if (!target.code().equals(before)) {
            account.setMfaLevel(target.code());
            audit.recordWith(accountId, EventKind.LEVEL_CHANGED, before + " -> " + target.code(), client);
        }
    }
}
