package io.gemhost.account;

import io.gemhost.GemhostException;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.Optional;

/** Creating accounts and finding them. */
@Stateless
public class Accounts {

    @Inject
    Clock clock;

    @PersistenceContext
    EntityManager em;
    @Inject
    Passwords passwords;
    @EJB
    AuditLog audit;
    @Inject
    PasswordRule passwordRule;

    public Optional<Account> findByEmail(String email) {
        return em.createNamedQuery("Account.findByEmail", Account.class)
                .setParameter("key", Account.key(email)).getResultStream().findFirst();
    }

    public Optional<Account> findByHandle(String handle) {
        return em.createNamedQuery("Account.findByHandle", Account.class)
                .setParameter("key", Account.key(handle)).getResultStream().findFirst();
    }

    public Optional<Account> find(long id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    /** How many accounts are at one of these levels (the operator page's count of accounts below the MFA policy). */
    public long countAt(java.util.Collection<MfaLevel> levels) {
        if (levels.isEmpty()) {
            return 0;
        }
        String codes = levels.stream().map(l -> "'" + MfaLevelConverter.code(l) + "'").sorted().collect(java.util.stream.Collectors.joining(", "));
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM account WHERE mfa_level IN (" + codes + ")").getSingleResult()).longValue();
    }

    public Account get(long id) {
        return find(id).orElseThrow(() -> new GemhostException("error.account.gone"));
    }

    /**
     * The account with its row locked until the caller's transaction ends (SELECT ... FOR
     * UPDATE). Every transaction that adds or removes a second factor or switches MFA on or off
     * takes this lock before it reads the account's factors, so "is a current factor needed?" and
     * "is this the last factor?" are decided on a set nobody else is changing, and such
     * transactions of one account run one after the other (docs/SECURITY.md).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Account lockFactors(long id) {
        Account account = em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw new GemhostException("error.account.gone");
        }
        return account;
    }

    /**
     * Creates an account from input the boundary has validated with AccountRules; the password
     * must also pass PasswordRule (not breached), else a GemhostException names why. Duplicates
     * (ignoring case) are refused with a message key for the field; a race between two sign-ups
     * is caught by the unique indexes.
     */
    public Account register(String email, String handle, String password, Client client) {
        return register(email, handle, password, null, client);
    }

    /** As {@link #register(String, String, String, Client)}, in the language of the page that signed up (null: none chosen). */
    public Account register(String email, String handle, String password, String language, Client client) {
        passwordRule.check(password);
        if (findByEmail(email).isPresent()) {
            throw new GemhostException("error.email.taken");
        }
        if (findByHandle(handle).isPresent()) {
            throw new GemhostException("error.handle.taken");
        }
        Account account = new Account(email.trim(), handle.trim(), passwords.hash(password), clock.instant());
        account.setLanguage(language);
        try {
            em.persist(account);
            em.flush();
        } catch (PersistenceException raced) {
            throw new GemhostException("error.email.taken");
        }
        audit.recordWith(account.getId(), EventKind.SIGNED_UP, null, client);
        return account;
    }

    /** The holder's chosen language (a tag of language/Languages) for pages and mails. */
    public void setLanguage(long id, String language) {
        Account account = em.find(Account.class, id);
        if (account != null) {
            account.setLanguage(language);
        }
    }
}
