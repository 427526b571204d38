package io.gemhost.publishing;

import io.gemhost.Sha256;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.gems.Gems;
import io.gemhost.gems.Rubygem;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The keys an exchange hands out: "gemhost_oidc_" and 48 hex digits of SecureRandom, stored as a
 * SHA-256 digest only, valid for 15 minutes (an expired key is an unknown key). Not cached: a key
 * lives minutes and every use of it is a push, which reads the database anyway.
 */
@Stateless
public class PublisherKeys {

    public static final String PREFIX = "gemhost_oidc_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A request made with a trusted publisher's key, as the API guard established it: the key (whose
     * grants say what it may push, read again at the push) and who it speaks for. It has no account.
     */
    public record PublisherCaller(long keyId, String label) {

        public static final String ATTRIBUTE = "io.gemhost.api.publisherCaller";
    }

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;
    @EJB
    Gems gems;
    @EJB
    AuditLog audit;

    /** Whether an Authorization value is a publisher key's shape (then only this class may answer for it). */
    public static boolean looksLike(String authorization) {
        return authorization != null && authorization.startsWith(PREFIX) && authorization.length() <= 200;
    }

    static String newKey() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return PREFIX + HexFormat.of().formatHex(random);
    }

    /** The caller behind a raw publisher key; empty when it is unknown or expired. */
    public Optional<PublisherCaller> authenticate(String rawKey) {
        if (!looksLike(rawKey)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return em.createQuery("SELECT k FROM PublisherKey k WHERE k.digest = :digest", PublisherKey.class)
                .setParameter("digest", Sha256.hex(rawKey)).getResultStream().findFirst()
                .filter(k -> now.isBefore(k.getExpiresAt()))
                .map(k -> new PublisherCaller(k.getId(), k.getLabel()));
    }

    /** Deletes keys that expired (their grants go with them). */
    public int forgetExpired(Instant now) {
        em.createQuery("DELETE FROM PublisherKeyGrant g WHERE g.keyId IN (SELECT k.id FROM PublisherKey k WHERE k.expiresAt < :now)")
                .setParameter("now", now).executeUpdate();
        return em.createQuery("DELETE FROM PublisherKey k WHERE k.expiresAt < :now").setParameter("now", now).executeUpdate();
    }

    /**
     * Revokes a key a secret-scanning report found in public (docs/SECURITY.md, "Leaked keys"): it
     * has no account, so the event lands in the security log of every owner of the gems it could
     * push (and of a pending publisher's maker), and mails them where it was found. False when the
     * token is no key of this host (or another report revoked it first).
     */
    public boolean revokeLeaked(String rawKey, String foundAt, Client client) {
        if (!looksLike(rawKey)) {
            return false;
        }
        Optional<PublisherKey> key = em.createQuery("SELECT k FROM PublisherKey k WHERE k.digest = :digest", PublisherKey.class)
                .setParameter("digest", Sha256.hex(rawKey)).getResultStream().findFirst();
        if (key.isEmpty()) {
            return false;
        }
        long id = key.get().getId();
        List<TrustedPublisher> publishers = em.createQuery("SELECT p FROM TrustedPublisher p, PublisherKeyGrant g "
                + "WHERE g.keyId = :key AND g.publisherId = p.id ORDER BY p.id", TrustedPublisher.class).setParameter("key", id).getResultList();
        List<PendingPublisher> pending = em.createQuery("SELECT p FROM PendingPublisher p, PublisherKeyGrant g "
                + "WHERE g.keyId = :key AND g.pendingId = p.id ORDER BY p.id", PendingPublisher.class).setParameter("key", id).getResultList();
        em.createQuery("DELETE FROM PublisherKeyGrant g WHERE g.keyId = :key").setParameter("key", id).executeUpdate();
        if (em.createQuery("DELETE FROM PublisherKey k WHERE k.id = :key").setParameter("key", id).executeUpdate() == 0) {
            return false;
        }
        for (TrustedPublisher p : publishers) {
            Rubygem gem = em.find(Rubygem.class, p.getGemId());
            for (Gems.Owner owner : gems.owners(gem.getId())) {
                audit.recordWith(owner.id(), EventKind.API_KEY_LEAKED,
                        gem.getName() + ": the push key of " + p.spec().label() + ", found at " + foundAt, client);
            }
        }
        for (PendingPublisher p : pending) {
            audit.recordWith(p.getAccountId(), EventKind.API_KEY_LEAKED,
                    p.getGemName() + " (pending): the push key of " + p.spec().label() + ", found at " + foundAt, client);
        }
        return true;
    }
}
