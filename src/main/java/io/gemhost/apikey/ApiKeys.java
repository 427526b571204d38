package io.gemhost.apikey;

import io.gemhost.Sha256;
import io.gemhost.cache.ReadCache.AccountChanged;
import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.account.MfaLevel;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.gems.Gems;
import io.gemhost.gems.Rubygem;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.Clock;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: "gemhost_" and 48 hex digits of SecureRandom, stored as SHA-256 digests only, so a
 * database leak yields no usable key. Lookup is one indexed query on the digest; last use is
 * written at most once a minute so that reads stay reads.
 */
@Stateless
public class ApiKeys {

    @Inject
    Clock clock;

    /** Every scope: what a key made by the legacy GET gets. */
    public static final Set<Scope> SCOPES = java.util.Collections.unmodifiableSet(java.util.EnumSet.allOf(Scope.class));
    private static final SecureRandom RANDOM = new SecureRandom();
    /** "Last used" is kept to the minute: a busy key costs one write a minute, not one a request. */
    static final java.time.Duration LAST_USED_GRAIN = java.time.Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;
    @EJB
    AuditLog audit;
    @Inject
    jakarta.enterprise.event.Event<AccountChanged> changed;
    @EJB
    Gems gems;

    public static String digest(String key) {
        return Sha256.hex(key);
    }

    /** Makes a key without terms (it never expires and serves any gem of its account); returns it in clear. */
    public String create(long accountId, String name, Set<Scope> scopes, Client client) {
        return create(accountId, name, scopes, null, null, client);
    }

    /**
     * Makes a key and returns it in clear, the only time it exists so. {@code expiresAt} (null:
     * never) comes from {@link KeyTerms#expiresAt}; {@code gemName} (null or blank: any gem) must
     * name a gem the account owns, and the scopes must act on gems (rubygems.org's rules and words).
     */
    public String create(long accountId, String name, Set<Scope> scopes, Instant expiresAt, String gemName, Client client) {
        Account account = em.find(Account.class, accountId);
        MfaLevel level = account.getMfaLevel();
        Rubygem gem = null;
        if (gemName != null && !gemName.isBlank()) {
            gem = gems.find(gemName.strip()).orElseThrow(() -> new GemhostException("apiKey.gem.notFound"));
            if (!gems.isOwner(gem.getId(), accountId)) {
                throw new GemhostException("apiKey.gem.notOwner");
            }
            KeyTerms.gemScopes(scopes);
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String key = "gemhost_" + HexFormat.of().formatHex(random);
        em.persist(new ApiKey(accountId, name, digest(key), scopes, MfaPolicy.keyGetsMfaFlag(level), clock.instant(), expiresAt,
                gem == null ? null : gem.getId()));
        String terms = (gem == null ? "" : ", gem " + gem.getName())
                + (expiresAt == null ? "" : ", expires " + java.time.format.DateTimeFormatter.ISO_INSTANT.format(expiresAt));
        audit.recordWith(accountId, EventKind.API_KEY_CREATED, name + " (" + Scope.join(scopes) + terms + ")", client);
        return key;
    }

    /**
     * The caller behind a raw key, or empty for an unknown key, with the key's terms; whether it
     * has expired is for its user to check at every use (Callers), since callers are cached.
     */
    public Optional<Caller> authenticate(String rawKey) {
        if (!couldBeKey(rawKey)) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createQuery("SELECT k, a FROM ApiKey k, Account a WHERE k.digest = :digest AND a.id = k.accountId", Object[].class)
                .setParameter("digest", digest(rawKey)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = (ApiKey) rows.get(0)[0];
        Account account = (Account) rows.get(0)[1];
        Instant now = clock.instant();
        boolean expired = key.getExpiresAt() != null && !now.isBefore(key.getExpiresAt());
        if (!expired && (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(now.minus(LAST_USED_GRAIN)))) {
            touch(key.getId());
        }
        Set<String> keyGems = Set.of();
        boolean held = true;
        if (key.getGemId() != null) {
            Rubygem gem = em.find(Rubygem.class, key.getGemId());
            keyGems = gem == null ? Set.of("") : Set.of(Rubygem.key(gem.getName()));
            held = gem != null && gems.isOwner(gem.getId(), account.getId());
        }
        return Optional.of(new Caller(account.getId(), account.getEmail(), account.getHandle(),
                account.getMfaLevel(), key.getId(), key.scopeSet(), key.isMfa(), key.getExpiresAt(), keyGems, held));
    }

    /** Whether a raw Authorization value is worth a lookup at all (not hashed otherwise). */
    static boolean couldBeKey(String rawKey) {
        return rawKey != null && !rawKey.isEmpty() && rawKey.length() <= 200;
    }

    /** Marks a key used now, unless it was marked within the last minute (on any node). */
    public void touch(long keyId) {
        Instant now = clock.instant();
        em.createQuery("UPDATE ApiKey k SET k.lastUsedAt = :now WHERE k.id = :id AND (k.lastUsedAt IS NULL OR k.lastUsedAt < :stale)")
                .setParameter("now", now).setParameter("id", keyId).setParameter("stale", now.minus(LAST_USED_GRAIN)).executeUpdate();
    }

    /** Adds scopes to one of the account's keys (the client's scope upgrade). */
    public void addScopes(long accountId, String rawKey, Set<Scope> scopes) {
        ApiKey key = em.createNamedQuery("ApiKey.findByDigest", ApiKey.class).setParameter("digest", digest(rawKey == null ? "" : rawKey))
                .getResultStream().filter(k -> k.getAccountId() == accountId)
                .filter(k -> k.getExpiresAt() == null || clock.instant().isBefore(k.getExpiresAt())).findFirst()
                .orElseThrow(() -> new GemhostException("apiKey.notFound"));
        Set<Scope> all = java.util.EnumSet.noneOf(Scope.class);
        all.addAll(key.scopeSet());
        all.addAll(scopes);
        key.setScopes(all);
        changed.fire(new AccountChanged(accountId));
    }

    /** A key as its account's page lists it: the gem by name, and whether the key still works. */
    public record Listed(long id, String name, String scopes, boolean mfa, String gem, boolean gemLost, Instant expiresAt, boolean expired,
            Instant lastUsedAt) {
    }

    public List<Listed> list(long accountId) {
        Instant now = clock.instant();
        return em.createNamedQuery("ApiKey.forAccount", ApiKey.class).setParameter("account", accountId).getResultStream().map(k -> {
            Rubygem gem = k.getGemId() == null ? null : em.find(Rubygem.class, k.getGemId());
            return new Listed(k.getId(), k.getName(), k.getScopes(), k.isMfa(), gem == null ? null : gem.getName(),
                    gem != null && !gems.isOwner(gem.getId(), accountId), k.getExpiresAt(),
                    k.getExpiresAt() != null && !now.isBefore(k.getExpiresAt()), k.getLastUsedAt());
        }).toList();
    }

    public void revoke(long accountId, long keyId, Client client) {
        ApiKey key = em.find(ApiKey.class, keyId);
        if (key == null || key.getAccountId() != accountId) {
            throw new GemhostException("error.apikey.unknown");
        }
        em.remove(key);
        audit.recordWith(accountId, EventKind.API_KEY_REVOKED, key.getName(), client);
    }

    /**
     * Revokes the key a secret-scanning report found in public (docs/SECURITY.md, "Leaked keys"),
     * whoever holds it: logged as {@link EventKind#API_KEY_LEAKED}, which mails the holder
     * where it was found and drops the account's read-cache entries after the commit. False when
     * the token is no key of this host (or another report revoked it first).
     */
    public boolean revokeLeaked(String rawKey, String foundAt, Client client) {
        if (!couldBeKey(rawKey)) {
            return false;
        }
        Optional<ApiKey> key = em.createNamedQuery("ApiKey.findByDigest", ApiKey.class).setParameter("digest", digest(rawKey))
                .getResultStream().findFirst();
        if (key.isEmpty() || em.createQuery("DELETE FROM ApiKey k WHERE k.id = :id").setParameter("id", key.get().getId()).executeUpdate() == 0) {
            return false;
        }
        audit.recordWith(key.get().getAccountId(), EventKind.API_KEY_LEAKED,
                key.get().getName() + " (" + key.get().getScopes() + "), found at " + foundAt, client);
        changed.fire(new AccountChanged(key.get().getAccountId()));
        return true;
    }
}
