package io.gemhost.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.Clock;
import java.util.List;

/**
 * Stores security events. A failure event must survive the rollback of the action it records,
 * so recording runs in a transaction of its own. Each stored event is announced as a
 * {@link SecurityEventRecorded} within the same transaction; who listens is not audit's business.
 */
@Stateless
public class AuditLog {

    /**
     * Fired (synchronously, inside the recording transaction) for every security event stored here,
     * so that others can react without audit knowing them: notify mails the account holder.
     */
    public record SecurityEventRecorded(Long accountId, EventKind kind, String detail, Client client, Instant at) {
    }

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;
    @Inject
    Event<SecurityEventRecorded> recorded;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Long accountId, EventKind kind, String detail, Client client) {
        store(accountId, kind, detail, client);
    }

    /**
     * Records in the caller's transaction when it has one (so a check that runs in one transaction
     * never waits for a second connection), else in a transaction of its own.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void recordHere(Long accountId, EventKind kind, String detail, Client client) {
        store(accountId, kind, detail, client);
    }

    /** Records as part of the caller's transaction: the event stands or falls with the change. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordWith(Long accountId, EventKind kind, String detail, Client client) {
        store(accountId, kind, detail, client);
    }

    private void store(Long accountId, EventKind kind, String detail, Client client) {
        Instant now = clock.instant();
        em.persist(new SecurityEvent(accountId, kind, detail, client, now));
        recorded.fire(new SecurityEventRecorded(accountId, kind, detail, client, now));
    }

    public List<SecurityEvent> page(long accountId, int page, int size) {
        return em.createNamedQuery("SecurityEvent.forAccount", SecurityEvent.class)
                .setParameter("account", accountId)
                .setFirstResult(Math.max(0, page) * size)
                .setMaxResults(size)
                .getResultList();
    }
}
