package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.SignIn;
import io.gemhost.audit.Client;
import io.gemhost.mfa.SecondFactor;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;

/**
 * Deleting an account (the password and, with MFA on, a code): its keys, codes, sessions, tokens,
 * ownerships and events go with it (foreign keys cascade). A gem whose last owner leaves keeps its
 * versions and accepts no pushes until an operator assigns an owner.
 */
@Stateless
public class AccountDeletion {

    public enum Outcome { DELETED, WRONG_PASSWORD, PASSWORD_PAUSED, SECOND_FACTOR }

    /** With PASSWORD_PAUSED, retryAfter says how long the password throttle makes the account wait. */
    public record Result(Outcome outcome, SecondFactor.Verdict verdict, Duration retryAfter) {
        Result(Outcome outcome, SecondFactor.Verdict verdict) {
            this(outcome, verdict, Duration.ZERO);
        }
    }

    @PersistenceContext
    EntityManager em;
    @Inject
    Accounts accounts;
    @Inject
    SignIn signIn;
    @Inject
    SecondFactor secondFactor;
    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result delete(long accountId, String password, String code, Client client) {
        Account account = accounts.get(accountId);
        SignIn.Result check = signIn.recheck(accountId, password, "account deletion", client);
        if (check.outcome() == SignIn.Outcome.PAUSED) {
            return new Result(Outcome.PASSWORD_PAUSED, null, check.retryAfter());
        }
        if (check.outcome() != SignIn.Outcome.OK) {
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
