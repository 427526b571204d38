package io.gemhost.publishing;

import io.gemhost.Sha256;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
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

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;

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
}
