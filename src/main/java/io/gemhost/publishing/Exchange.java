package io.gemhost.publishing;

import com.nimbusds.jwt.JWTClaimsSet;
import io.gemhost.Sha256;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.config.Settings;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The exchange of a CI job's ID token for a push key (docs/SECURITY.md): the token is verified
 * ({@link IdTokens}), matched against the trusted and pending publishers of its repository
 * ({@link ClaimCheck}), spent ({@link UsedTokens}), the owner or namespace id is recorded on
 * publishers that had none, and a key valid for {@link #KEY_LIFETIME} is made with a grant per
 * matched publisher. The exchange lands in the security log of every owner of those gems.
 */
@Stateless
public class Exchange {

    public static final Duration KEY_LIFETIME = Duration.ofMinutes(15);

    /** What the exchange hands out; {@code gem} only when the key serves exactly one gem. */
    public record Issued(String key, String name, List<String> scopes, String gem, Instant expiresAt) {
    }

    @PersistenceContext
    EntityManager em;
    @Inject
    IssuerKeys issuerKeys;
    @EJB
    UsedTokens usedTokens;
    @Inject
    Settings settings;
    @EJB
    Gems gems;
    @EJB
    AuditLog audit;
    @Inject
    Clock clock;

    public Issued exchange(String jwt, Client client) {
        IdTokens.Verified token = IdTokens.verify(jwt, settings.oidcProviders(), settings.oidcAudience(), issuerKeys, clock);
        PublisherKind kind = token.kind();
        JWTClaimsSet claims = token.claims();
        Instant now = clock.instant();
        String repository = ClaimCheck.repository(kind, claims);
        if (repository == null || repository.length() > 512) {
            throw ExchangeRefused.notAccepted("the token names no " + (kind == PublisherKind.GITHUB ? "repository" : "project_path"));
        }
        String repositoryKey = repository.toLowerCase(Locale.ROOT);
        List<TrustedPublisher> matched = new ArrayList<>();
        List<PendingPublisher> matchedPending = new ArrayList<>();
        String reason = null;
        for (TrustedPublisher p : em.createNamedQuery("TrustedPublisher.forRepository", TrustedPublisher.class)
                .setParameter("kind", kind.code()).setParameter("repository", repositoryKey).getResultList()) {
            String why = ClaimCheck.mismatch(p.spec(), p.getOwnerId(), claims, token.issuer());
            if (why == null) {
                matched.add(p);
            } else if (reason == null && ClaimCheck.sameWorkflow(p.spec(), claims, token.issuer())) {
                reason = why;
            }
        }
        for (PendingPublisher p : em.createNamedQuery("PendingPublisher.forRepository", PendingPublisher.class)
                .setParameter("kind", kind.code()).setParameter("repository", repositoryKey).setParameter("now", now).getResultList()) {
            String why = ClaimCheck.mismatch(p.spec(), p.getOwnerId(), claims, token.issuer());
            if (why == null && gems.find(p.getGemName()).isEmpty()) {
                matchedPending.add(p);
            } else if (why != null && reason == null && ClaimCheck.sameWorkflow(p.spec(), claims, token.issuer())) {
                reason = why;
            }
        }
        if (matched.isEmpty() && matchedPending.isEmpty()) {
            throw ExchangeRefused.notAccepted(reason != null ? reason
                    : "no trusted publisher for " + ClaimCheck.describe(kind, claims) + " (" + kind.label() + ")");
        }
        usedTokens.claim(token.issuer(), token.jti(), token.expiresAt().plus(IdTokens.LEEWAY));
        String ownerId = ClaimCheck.ownerId(kind, claims);
        for (TrustedPublisher p : matched) {
            pin("TrustedPublisher", p.getId(), ownerId, now);
        }
        for (PendingPublisher p : matchedPending) {
            pin("PendingPublisher", p.getId(), ownerId, null);
        }

        PublisherSpec first = matched.isEmpty() ? matchedPending.get(0).spec() : matched.get(0).spec();
        String raw = PublisherKeys.newKey();
        Instant expiresAt = now.plus(KEY_LIFETIME);
        Instant issuedAt = claims.getIssueTime().toInstant();
        PublisherKey key = new PublisherKey(Sha256.hex(raw), first.displayName() + " " + issuedAt, first.label(), now, expiresAt);
        em.persist(key);
        em.flush();
        Set<String> gemNames = new LinkedHashSet<>();
        for (TrustedPublisher p : matched) {
            em.persist(PublisherKeyGrant.publisher(key.getId(), p.getId()));
            Rubygem gem = em.find(Rubygem.class, p.getGemId());
            gemNames.add(gem.getName());
            for (Gems.Owner owner : gems.owners(gem.getId())) {
                audit.recordWith(owner.id(), EventKind.TRUSTED_PUBLISHER_EXCHANGE,
                        gem.getName() + ": " + p.spec().label() + " got a push key until " + expiresAt, client);
            }
        }
        for (PendingPublisher p : matchedPending) {
            em.persist(PublisherKeyGrant.pending(key.getId(), p.getId()));
            gemNames.add(p.getGemName());
            audit.recordWith(p.getAccountId(), EventKind.TRUSTED_PUBLISHER_EXCHANGE,
                    p.getGemName() + " (pending): " + p.spec().label() + " got a push key until " + expiresAt, client);
        }
        return new Issued(raw, key.getName(), List.of("push_rubygem"), gemNames.size() == 1 ? gemNames.iterator().next() : null, expiresAt);
    }

    /**
     * Records the owner id on a publisher that has none (the first accepted exchange), with one
     * conditional update; if another exchange recorded another id first, this one is refused.
     */
    private void pin(String entity, long id, String ownerId, Instant lastUsed) {
        em.createQuery("UPDATE " + entity + " p SET p.ownerId = :owner WHERE p.id = :id AND p.ownerId IS NULL")
                .setParameter("owner", ownerId).setParameter("id", id).executeUpdate();
        long same = em.createQuery("SELECT COUNT(p) FROM " + entity + " p WHERE p.id = :id AND p.ownerId = :owner", Long.class)
                .setParameter("owner", ownerId).setParameter("id", id).getSingleResult();
        if (same != 1) {
            throw ExchangeRefused.notAccepted("another owner id was recorded for this trusted publisher at the same moment");
        }
        if (lastUsed != null) {
            em.createQuery("UPDATE TrustedPublisher p SET p.lastUsedAt = :now WHERE p.id = :id").setParameter("now", lastUsed)
                    .setParameter("id", id).executeUpdate();
        }
    }
}
