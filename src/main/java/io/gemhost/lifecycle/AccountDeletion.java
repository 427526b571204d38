package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.audit.Client;
import io.gemhost.cache.ReadCache.AccountChanged;
import io.gemhost.mfa.MfaPolicy.Action;
import io.gemhost.mfa.Proof;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Deleting an account (the password and, with MFA on, a second factor: Proof): its keys, codes, sessions, tokens,
 * ownerships and events go with it (foreign keys cascade). A gem whose last owner leaves keeps its
 * versions and accepts no pushes until an operator assigns an owner.
 */
@Stateless
public class AccountDeletion {

    @PersistenceContext
    EntityManager em;
    @EJB
    Proof proof;
    @Resource
    SessionContext context;
    @Inject
    Event<AccountChanged> changed;

    /** Deletes the account once the password and, if the policy asks, a second factor are right (then the result is OK). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Proof.Result delete(long accountId, String password, String code, Client client) {
        Proof.Result proven = proof.passwordAndSecondFactor(accountId, password, code, Action.ACCOUNT_DELETE, "account deletion", client);
        if (proven.ok()) {
            context.getBusinessObject(AccountDeletion.class).apply(proven.proven());
        }
        return proven;
    }

    public void apply(Proof.Proven proven) {
        long accountId = proven.accountFor(Action.ACCOUNT_DELETE);
        em.createNativeQuery("DELETE FROM security_event WHERE account_id = ?").setParameter(1, accountId).executeUpdate();
        em.createNativeQuery("DELETE FROM account WHERE id = ?").setParameter(1, accountId).executeUpdate();
        em.getEntityManagerFactory().getCache().evict(Account.class, accountId);
        changed.fire(new AccountChanged(accountId)); // this node's read caches forget the account at the commit
    }
}
