package io.gemhost.publishing;

import io.gemhost.GemhostException;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A push with a publisher key: only to a gem one of the key's publishers belongs to, or, for a
 * gem that does not exist, through one of its pending publishers, which creates the gem owned by
 * the pending publisher's account and turns that account's pending publishers for the name into
 * the gem's publishers. Any other gem: 403. The push lands in the security log of every owner.
 */
@Stateless
public class PublisherPushes {

    @PersistenceContext
    EntityManager em;
    @EJB
    Gems gems;
    @EJB
    AuditLog audit;
    @Inject
    Clock clock;

    public GemSpec push(long keyId, GemSpec spec, byte[] file, Client client) {
        Instant now = clock.instant();
        PublisherKey key = em.find(PublisherKey.class, keyId);
        if (key == null || !now.isBefore(key.getExpiresAt())) {
            throw new GemhostException("apiKey.otherGem");
        }
        Optional<Rubygem> existing = gems.find(spec.name());
        if (existing.isPresent()) {
            List<TrustedPublisher> granted = em.createQuery("SELECT p FROM TrustedPublisher p, PublisherKeyGrant g "
                    + "WHERE g.keyId = :key AND g.publisherId = p.id AND p.gemId = :gem ORDER BY p.id", TrustedPublisher.class)
                    .setParameter("key", keyId).setParameter("gem", existing.get().getId()).getResultList();
            if (granted.isEmpty()) {
                throw new GemhostException("apiKey.otherGem");
            }
            gems.pushAsPublisher(existing.get().getId(), spec, file);
            pushed(existing.get(), spec, granted.get(0).spec(), client);
            return spec;
        }
        List<PendingPublisher> granted = em.createQuery("SELECT p FROM PendingPublisher p, PublisherKeyGrant g "
                + "WHERE g.keyId = :key AND g.pendingId = p.id AND p.gemNameKey = :name AND p.expiresAt > :now ORDER BY p.id", PendingPublisher.class)
                .setParameter("key", keyId).setParameter("name", PendingPublisher.nameKey(spec.name())).setParameter("now", now).getResultList();
        if (granted.isEmpty()) {
            throw new GemhostException("apiKey.otherGem");
        }
        PendingPublisher used = granted.get(0);
        Rubygem gem = gems.createAsPublisher(used.getAccountId(), spec, file);
        List<PendingPublisher> makers = em.createNamedQuery("PendingPublisher.forName", PendingPublisher.class)
                .setParameter("name", PendingPublisher.nameKey(spec.name())).setParameter("now", now).getResultList();
        for (PendingPublisher pending : makers) {
            if (pending.getAccountId() != used.getAccountId()) {
                continue;
            }
            TrustedPublisher publisher = new TrustedPublisher(gem.getId(), pending.spec(), pending.getOwnerId(), pending.getAccountId(), now);
            em.persist(publisher);
            em.flush();
            long grants = em.createQuery("SELECT COUNT(g) FROM PublisherKeyGrant g WHERE g.pendingId = :pending AND g.keyId = :key", Long.class)
                    .setParameter("pending", pending.getId()).setParameter("key", keyId).getSingleResult();
            if (grants > 0) {
                em.persist(PublisherKeyGrant.publisher(keyId, publisher.getId()));
            }
            em.createQuery("DELETE FROM PublisherKeyGrant g WHERE g.pendingId = :pending").setParameter("pending", pending.getId()).executeUpdate();
            em.createQuery("DELETE FROM PendingPublisher p WHERE p.id = :pending").setParameter("pending", pending.getId()).executeUpdate();
            audit.recordWith(pending.getAccountId(), EventKind.TRUSTED_PUBLISHER_ADDED,
                    gem.getName() + ": " + pending.spec().label() + ", from the pending trusted publisher at the gem's first push", client);
        }
        pushed(gem, spec, used.spec(), client);
        return spec;
    }

    private void pushed(Rubygem gem, GemSpec spec, PublisherSpec by, Client client) {
        String version = spec.version() + (GemSpec.RUBY.equals(spec.platform()) ? "" : "-" + spec.platform());
        for (Gems.Owner owner : gems.owners(gem.getId())) {
            audit.recordWith(owner.id(), EventKind.TRUSTED_PUBLISHER_PUSH, gem.getName() + " " + version + " pushed by " + by.label(), client);
        }
    }
}
