package io.gemhost.webauthn;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The stored security keys. A key's counter moves forward with one conditional update, so of two
 * racing assertions by one key at most one is taken. An account's WebAuthn user handle is 32
 * random bytes, made with its first key and the same on every later one.
 */
@Stateless
public class SecurityKeys {

    public static final int MAX_KEYS = 20;
    public static final int MAX_NICKNAME = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;

    public List<SecurityKey> list(long accountId) {
        return em.createNamedQuery("SecurityKey.forAccount", SecurityKey.class).setParameter("account", accountId).getResultList();
    }

    public boolean any(long accountId) {
        return !em.createQuery("SELECT k.id FROM SecurityKey k WHERE k.accountId = :account", Long.class)
                .setParameter("account", accountId).setMaxResults(1).getResultList().isEmpty();
    }

    public List<String> credentialIds(long accountId) {
        return list(accountId).stream().map(SecurityKey::getCredentialId).toList();
    }

    /** The account's user handle (base64url): its keys', or a new one for a first key. */
    public String userHandle(long accountId) {
        return list(accountId).stream().map(SecurityKey::getUserHandle).findFirst().orElseGet(() -> {
            byte[] handle = new byte[32];
            RANDOM.nextBytes(handle);
            return Ceremonies.b64(handle);
        });
    }

    public Optional<SecurityKey> byCredential(String credentialId) {
        return em.createNamedQuery("SecurityKey.byCredential", SecurityKey.class).setParameter("credential", credentialId)
                .getResultStream().findFirst();
    }

    /** Stores a verified new key; false if this credential is registered already (to any account). */
    public boolean add(long accountId, Ceremonies.NewKey key, String userHandle, String nickname) {
        if (byCredential(key.credentialId()).isPresent()) {
            return false;
        }
        em.persist(new SecurityKey(accountId, key, userHandle, nickname, clock.instant()));
        em.flush();
        return true;
    }

    /** Removes one of the account's keys; false if it has no such key. */
    public boolean remove(long accountId, long keyId) {
        return em.createQuery("DELETE FROM SecurityKey k WHERE k.id = :id AND k.accountId = :account")
                .setParameter("id", keyId).setParameter("account", accountId).executeUpdate() == 1;
    }

    public void removeAll(long accountId) {
        em.createQuery("DELETE FROM SecurityKey k WHERE k.accountId = :account").setParameter("account", accountId).executeUpdate();
    }

    /** True for the one caller that moved this key's counter from {@code from} to {@code to}. */
    public boolean advance(long keyId, long from, long to) {
        return em.createQuery("UPDATE SecurityKey k SET k.signCount = :to, k.lastUsedAt = :now WHERE k.id = :id AND k.signCount = :from")
                .setParameter("to", to).setParameter("now", clock.instant()).setParameter("id", keyId).setParameter("from", from)
                .executeUpdate() == 1;
    }
}
