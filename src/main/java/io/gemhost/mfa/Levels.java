package io.gemhost.mfa;

import io.gemhost.account.MfaLevel;
import io.gemhost.account.MfaLevelConverter;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Changing an account's MFA level, which always takes a current code (docs/SECURITY.md).
 * "Disabled" removes every factor of every kind in the same transaction.
 */
@Stateless
public class Levels {

    @PersistenceContext
    EntityManager em;
    @Inject
    Proof proof;
    @Inject
    Accounts accounts;
    @Inject
    @Any
    Instance<FactorKind> kinds;
    @Inject
    AuditLog audit;
    @Resource
    SessionContext context;

    public MfaLevel of(long accountId) {
        Account account = em.find(Account.class, accountId);
        return account == null ? MfaLevel.DISABLED : account.getMfaLevel();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SecondFactor.Verdict change(long accountId, MfaLevel target, String code, Client client) {
        if (!of(accountId).isOn()) {
            return new SecondFactor.Verdict(SecondFactor.Outcome.WRONG, java.time.Duration.ZERO, -1); // nothing to change: enroll first
        }
        Proof.Result proven = proof.secondFactor(accountId, code, MfaPolicy.Action.LEVEL_CHANGE, client);
        if (proven.ok()) {
            context.getBusinessObject(Levels.class).apply(proven.proven(), target, client);
        }
        return proven.verdict();
    }

    /** One transaction, under the account's lock (Accounts.lockFactors): the level, and with Disabled every factor removed. */
    public void apply(Proof.Proven proven, MfaLevel target, Client client) {
        long accountId = proven.accountFor(MfaPolicy.Action.LEVEL_CHANGE, MfaPolicy.Action.REMOVE_SECURITY_KEY);
        Account account = accounts.lockFactors(accountId);
        MfaLevel before = account.getMfaLevel();
        if (target == MfaLevel.DISABLED) {
            kinds.forEach(kind -> kind.removeAll(accountId));
            em.createQuery("DELETE FROM PendingTotp p WHERE p.accountId = :account").setParameter("account", accountId).executeUpdate();
            account.setMfaLevel(MfaLevel.DISABLED);
            audit.recordWith(accountId, EventKind.MFA_DISABLED, null, client);
        } else if (target != before) {
            account.setMfaLevel(target);
            audit.recordWith(accountId, EventKind.LEVEL_CHANGED, MfaLevelConverter.code(before) + " -> " + MfaLevelConverter.code(target), client);
        }
    }
}
