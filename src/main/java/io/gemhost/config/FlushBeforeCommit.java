package io.gemhost.config;

import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Every service's writes go to the database inside its transaction: after each business method
 * that runs in a transaction, what the persistence context holds is flushed while the
 * transaction is still active (WEB-INF/ejb-jar.xml binds this to every service). What is left
 * for the commit to flush, EclipseLink writes through a connection that Payara's pool hands out
 * outside the transaction, auto-committing row by row, so that nothing is left
 * (TwoNodesPostgresIT checks that the rows of one request share one database transaction).
 */
public class FlushBeforeCommit {

    @PersistenceContext
    EntityManager em;
    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    Object flush(InvocationContext call) throws Exception {
        Object result = call.proceed();
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            em.flush();
        }
        return result;
    }
}
