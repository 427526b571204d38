package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.Passwords;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.mfa.SecondFactor;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Deleting an account (the password and, with MFA on, a code): its keys, codes, sessions, tokens,
 * ownerships and events go with it (foreign keys cascade). A gem whose last owner leaves keeps its
 * versions and accepts no pushes until an operator assigns an owner.
 */
@Stateless
public class AccountDeletion {

    public enum Outcome { DELETED, WRONG_PASSWORD, SECOND_FACTOR }

    public record Result(Outcome outcome, SecondFactor.Verdict verdict) {
    }

    @PersistenceContext
    EntityManager em;
    @Inject
    Accounts accounts;
    @Inject
    Passwords passwords;
    @Inject
    SecondFactor secondFactor;
    @Inject
    AuditLog audit;
    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result delete(long accountId, String password, String code, Client client) {
        Account account = accounts.get(accountId);
        if (password == null || !passwords.verify(password, account.getPasswordHash())) {
            audit.record(accountId, EventKind.SIGN_IN_FAILED, "wrong password on account deletion", client);
            return new Result(Outcome.WRONG_PASSWORD, null);
        }
        if (!"disabled".equals(account.getMfaLevel())) {
            SecondFactor.Verdict verdict = secondFactor.verify(accountId, code, client);
            if (!verdict.ok()) {
                return new Result(Outcome.SECOND_FACTOR, verdict);
            }
        }
        context.getBusinessObject(AccountDeletion.class).apply(accountId);
        return new Result(Outcome.DELETED, null);
    }

    public void apply(long accountId) {
        em.createNativeQuery("DELETE FROM security_event WHERE account_id = ?").setParameter(1, accountId).executeUpdate();
        em.createNativeQuery("DELETE FROM account WHERE id = ?").setParameter(1, accountId).executeUpdate();
        em.getEntityManagerFactory().getCache().evict(Account.class, accountId);
    }
}
