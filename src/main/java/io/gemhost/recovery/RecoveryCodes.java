package io.gemhost.recovery;

import io.gemhost.account.Passwords;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An account's ten recovery codes. Only salted PBKDF2 hashes are stored; a check finds the one
 * candidate row by the code's lookup part and runs the KDF once (docs/SECURITY.md). Using a
 * code is one conditional UPDATE, so of racing requests exactly one succeeds (docs/SECURITY.md, "Factors").
 */
@Stateless
public class RecoveryCodes {

    @Inject
    Clock clock;

    public static final int COUNT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;
    @Inject
    Passwords passwords;

    /** Replaces the account's codes with ten new ones and returns them, for showing once. */
    public List<String> replace(long accountId) {
        deleteAll(accountId);
        List<String> codes = new ArrayList<>();
        Set<String> lookups = new HashSet<>();
        while (codes.size() < COUNT) {
            String normalized = RecoveryCodeFormat.normalize(RecoveryCodeFormat.generate(RANDOM)).orElseThrow();
            if (!lookups.add(RecoveryCodeFormat.lookup(normalized))) {
                continue;
            }
            em.persist(new RecoveryCode(accountId, RecoveryCodeFormat.lookup(normalized),
                    passwords.hash(RecoveryCodeFormat.secret(normalized))));
            codes.add(RecoveryCodeFormat.display(normalized));
        }
        return codes;
    }

    /** The unused code this input names, if its secret part is right (one KDF run at most). */
    public Optional<Long> match(long accountId, String input) {
        Optional<String> normalized = RecoveryCodeFormat.normalize(input);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        Optional<RecoveryCode> candidate = em.createNamedQuery("RecoveryCode.findUnused", RecoveryCode.class)
                .setParameter("account", accountId)
                .setParameter("lookup", RecoveryCodeFormat.lookup(normalized.get()))
                .getResultStream().findFirst();
        if (candidate.isEmpty()) {
            passwords.burn(RecoveryCodeFormat.secret(normalized.get()));
            return Optional.empty();
        }
        return passwords.verify(RecoveryCodeFormat.secret(normalized.get()), candidate.get().getCodeHash())
                ? Optional.of(candidate.get().getId()) : Optional.empty();
    }

    /** True for the one caller that marked this code used. */
    public boolean consume(long codeId) {
        return em.createQuery("UPDATE RecoveryCode c SET c.usedAt = :now WHERE c.id = :id AND c.usedAt IS NULL")
                .setParameter("now", clock.instant()).setParameter("id", codeId).executeUpdate() == 1;
    }

    public long remaining(long accountId) {
        return em.createNamedQuery("RecoveryCode.countUnused", Long.class).setParameter("account", accountId).getSingleResult();
    }

    public void deleteAll(long accountId) {
        em.createQuery("DELETE FROM RecoveryCode c WHERE c.accountId = :account").setParameter("account", accountId).executeUpdate();
    }
}
