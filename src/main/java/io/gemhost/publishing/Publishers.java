package io.gemhost.publishing;

import io.gemhost.GemhostException;
import io.gemhost.account.Accounts;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.gems.GemSpec;
import io.gemhost.gems.Gems;
import io.gemhost.gems.Rubygem;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Configuring trusted publishers, for the API and the pages: a gem's publishers (its owners only),
 * an account's pending publishers (12 hours, for a gem name nobody else has), and the account's
 * gems for the dashboard. Each method is one transaction and checks the owner itself; the second
 * factor is the boundary's (MfaPolicy's actions CONFIGURE_TRUSTED_PUBLISHERS for the API and
 * TRUSTED_PUBLISHER_FORM for the pages). Every change is recorded in the security log of every
 * owner of the gem (or of the pending publisher's account), which mails them.
 */
@Stateless
public class Publishers {

    /** How long a pending publisher waits for its gem's first push. */
    public static final Duration PENDING_LIFETIME = Duration.ofHours(12);

    /** A gem's publisher as pages and the API show it. ownerId: the owner or namespace id recorded at the first exchange, or null. */
    public record View(long id, String gemName, PublisherSpec spec, String ownerId, Instant createdAt, Instant lastUsedAt) {
    }

    /** A pending publisher as its page shows it. */
    public record PendingView(long id, String gemName, PublisherSpec spec, Instant createdAt, Instant expiresAt) {
    }

    @PersistenceContext
    EntityManager em;
    @EJB
    Gems gems;
    @EJB
    Accounts accounts;
    @EJB
    AuditLog audit;
    @Inject
    Clock clock;

    /** The gem's trusted publishers, oldest first; for its owners only. */
    public List<View> list(long accountId, String gemName) {
        Rubygem gem = owned(accountId, gemName);
        return em.createNamedQuery("TrustedPublisher.ofGem", TrustedPublisher.class).setParameter("gem", gem.getId())
                .getResultStream().map(p -> view(gem, p)).toList();
    }

    public View get(long accountId, String gemName, long id) {
        Rubygem gem = owned(accountId, gemName);
        return view(gem, publisherOf(gem, id));
    }

    /** Adds a publisher to a gem the account owns; refuses a publisher the gem already has. */
    public View create(long accountId, String gemName, PublisherSpec spec, Client client) {
        Rubygem gem = owned(accountId, gemName);
        boolean exists = em.createNamedQuery("TrustedPublisher.ofGem", TrustedPublisher.class).setParameter("gem", gem.getId())
                .getResultStream().anyMatch(p -> p.spec().sameAs(spec));
        if (exists) {
            throw new GemhostException("publisher.exists");
        }
        TrustedPublisher publisher = new TrustedPublisher(gem.getId(), spec, null, accountId, clock.instant());
        em.persist(publisher);
        em.flush();
        recordForOwners(gem.getId(), EventKind.TRUSTED_PUBLISHER_ADDED,
                gem.getName() + ": " + spec.label() + ", by " + handle(accountId), client);
        return view(gem, publisher);
    }

    public void delete(long accountId, String gemName, long id, Client client) {
        Rubygem gem = owned(accountId, gemName);
        TrustedPublisher publisher = publisherOf(gem, id);
        String detail = gem.getName() + ": " + publisher.spec().label() + ", by " + handle(accountId);
        // the database drops the keys' grants on this publisher with it (ON DELETE CASCADE)
        em.createQuery("DELETE FROM PublisherKeyGrant g WHERE g.publisherId = :id").setParameter("id", id).executeUpdate();
        em.createQuery("DELETE FROM TrustedPublisher p WHERE p.id = :id").setParameter("id", id).executeUpdate();
        recordForOwners(gem.getId(), EventKind.TRUSTED_PUBLISHER_REMOVED, detail, client);
    }

    /** The account's pending publishers that have not expired, oldest first. */
    public List<PendingView> pending(long accountId) {
        return em.createNamedQuery("PendingPublisher.ofAccount", PendingPublisher.class).setParameter("account", accountId)
                .setParameter("now", clock.instant()).getResultStream().map(Publishers::view).toList();
    }

    /**
     * A pending publisher for a gem name that is free: no gem has it, and no other account has a
     * pending publisher for it that has not expired. It expires {@link #PENDING_LIFETIME} from now.
     */
    public PendingView createPending(long accountId, String gemName, PublisherSpec spec, Client client) {
        String name = gemName == null ? null : gemName.strip();
        if (!GemSpec.isValidName(name)) {
            throw new GemhostException("publisher.gemName");
        }
        if (!accounts.get(accountId).isEmailConfirmed()) {
            throw new GemhostException("publisher.unconfirmed");
        }
        Instant now = clock.instant();
        List<PendingPublisher> sameName = em.createNamedQuery("PendingPublisher.forName", PendingPublisher.class)
                .setParameter("name", PendingPublisher.nameKey(name)).setParameter("now", now).getResultList();
        if (gems.find(name).isPresent() || sameName.stream().anyMatch(p -> p.getAccountId() != accountId)) {
            throw new GemhostException("publisher.nameTaken");
        }
        if (sameName.stream().anyMatch(p -> p.spec().sameAs(spec))) {
            throw new GemhostException("publisher.exists");
        }
        PendingPublisher pending = new PendingPublisher(accountId, name, spec, now, now.plus(PENDING_LIFETIME));
        em.persist(pending);
        em.flush();
        audit.recordWith(accountId, EventKind.PENDING_PUBLISHER_ADDED, name + ": " + spec.label(), client);
        return view(pending);
    }

    public void deletePending(long accountId, long id, Client client) {
        PendingPublisher pending = em.find(PendingPublisher.class, id);
        if (pending == null || pending.getAccountId() != accountId) {
            throw new GemhostException("publisher.notFound");
        }
        String detail = pending.getGemName() + ": " + pending.spec().label();
        em.createQuery("DELETE FROM PublisherKeyGrant g WHERE g.pendingId = :id").setParameter("id", id).executeUpdate();
        em.createQuery("DELETE FROM PendingPublisher p WHERE p.id = :id").setParameter("id", id).executeUpdate();
        audit.recordWith(accountId, EventKind.PENDING_PUBLISHER_REMOVED, detail, client);
    }

    /** The dashboard: the account's gems by name, each with its newest version. */
    public List<Gems.Latest> dashboard(long accountId) {
        return gems.latestOf(accountId);
    }

    /** Records the event in the log of every owner of the gem (each is mailed if the kind notifies). */
    void recordForOwners(long gemId, EventKind kind, String detail, Client client) {
        for (Gems.Owner owner : gems.owners(gemId)) {
            audit.recordWith(owner.id(), kind, detail, client);
        }
    }

    private Rubygem owned(long accountId, String gemName) {
        Rubygem gem = gems.find(gemName).orElseThrow(() -> new GemhostException("gem.notFound"));
        if (!gems.isOwner(gem.getId(), accountId)) {
            throw new GemhostException("publisher.notOwner");
        }
        return gem;
    }

    private TrustedPublisher publisherOf(Rubygem gem, long id) {
        TrustedPublisher publisher = em.find(TrustedPublisher.class, id);
        if (publisher == null || publisher.getGemId() != gem.getId()) {
            throw new GemhostException("publisher.notFound");
        }
        return publisher;
    }

    private String handle(long accountId) {
        return accounts.find(accountId).map(a -> a.getHandle()).orElse("?");
    }

    private static View view(Rubygem gem, TrustedPublisher p) {
        return new View(p.getId(), gem.getName(), p.spec(), p.getOwnerId(), p.getCreatedAt(), p.getLastUsedAt());
    }

    private static PendingView view(PendingPublisher p) {
        return new PendingView(p.getId(), p.getGemName(), p.spec(), p.getCreatedAt(), p.getExpiresAt());
    }
}
