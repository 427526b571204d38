package io.gemhost.device;

import io.gemhost.Sha256;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.config.Settings;
import io.gemhost.notify.Mails;
import io.gemhost.totp.KeyVault;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The new-device check (docs/SECURITY.md, new devices). A device is known to an account when a
 * sign-in of the account completed from its address, the account signed up from it, or the
 * browser carries a remember-this-device cookie of the account that is less than 30 days old. A
 * sign-in from any other device is held: the holder is mailed a link (single use, 1 hour) that
 * confirms the address only when it is opened from that same address; at most one such mail goes
 * per account and address in 15 minutes, decided by a row of new_device_mail, so the limit holds
 * across nodes and concurrent requests.
 */
@Stateless
public class KnownDevices {

    public static final Duration LINK_LIFETIME = Duration.ofHours(1);
    public static final Duration MAIL_INTERVAL = Duration.ofMinutes(15);

    /** A link's held sign-in as its page shows it; {@code sameAddress}: opened from the address that was held. */
    public record Pending(long accountId, String ip, String userAgent, Instant at, boolean sameAddress) {
    }

    public enum Outcome { CONFIRMED, WRONG_ADDRESS, INVALID }

    public record Confirmation(Outcome outcome, long accountId, String heldIp) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Settings settings;
    @Inject
    KeyVault vault;
    @EJB
    Accounts accounts;
    @Inject
    Mails mails;
    @EJB
    AuditLog audit;
    @Resource
    SessionContext context;

    /** GEMHOST_NEW_DEVICE_CHECK. */
    public boolean enabled() {
        return settings.newDeviceCheck();
    }

    /** Whether the client's address, or one of these remember-this-device cookies, is known to the account. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isKnown(long accountId, Client client, Collection<String> cookies) {
        RememberCookie remember = cookie();
        Instant now = clock.instant();
        if (cookies.stream().anyMatch(c -> remember.vouchesFor(c, accountId, now))) {
            return true;
        }
        return !client.ip().isEmpty() && !em.createNativeQuery("SELECT 1 FROM known_device WHERE account_id = ? AND ip = ?")
                .setParameter(1, accountId).setParameter(2, client.ip()).getResultList().isEmpty();
    }

    /**
     * A sign-in of the account completed from this client: its address is known from now on.
     * Returns a fresh remember-this-device cookie value for the browser.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String signedIn(long accountId, Client client) {
        remember(accountId, client.ip());
        return cookie().issue(accountId, clock.instant());
    }

    /**
     * Holds a sign-in of the account from this client: mails the holder a link unless a mail for
     * this account and address went within 15 minutes, and records the hold either way.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void hold(long accountId, String how, Client client) {
        KnownDevices self = context.getBusinessObject(KnownDevices.class);
        for (int tries = 1; ; tries++) {
            try {
                self.holdOnce(accountId, how, client);
                return;
            } catch (EJBException | PersistenceException raced) { // another request inserted the mail row first
                if (tries == 3) {
                    throw raced;
                }
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void holdOnce(long accountId, String how, Client client) {
        long now = clock.millis();
        String detail;
        if (claimMail(accountId, client.ip(), now)) {
            Account account = accounts.get(accountId);
            em.createNativeQuery("DELETE FROM new_device_token WHERE account_id = ? AND expires_at < ?")
                    .setParameter(1, accountId).setParameter(2, now).executeUpdate();
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            em.createNativeQuery("INSERT INTO new_device_token (digest, account_id, ip, user_agent, created_at, expires_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .setParameter(1, Sha256.hex(token)).setParameter(2, accountId).setParameter(3, client.ip())
                    .setParameter(4, client.userAgent()).setParameter(5, now).setParameter(6, now + LINK_LIFETIME.toMillis())
                    .executeUpdate();
            mails.unrecognizedSignIn(account.getEmail(), account.getHandle(), account.getLanguage(), Instant.ofEpochMilli(now), client.ip(),
                    client.userAgent(), token);
            detail = how + "; link mailed";
        } else {
            detail = how + "; no new mail: one went for this address within 15 minutes";
        }
        audit.recordWith(accountId, EventKind.NEW_DEVICE_HELD, detail, client);
    }

    /** True for exactly one hold of this account and address per 15 minutes; the row is locked until commit. */
    private boolean claimMail(long accountId, String ip, long now) {
        int claimed = em.createNativeQuery("UPDATE new_device_mail SET sent_at = ? WHERE account_id = ? AND ip = ? AND sent_at <= ?")
                .setParameter(1, now).setParameter(2, accountId).setParameter(3, ip).setParameter(4, now - MAIL_INTERVAL.toMillis())
                .executeUpdate();
        if (claimed == 1) {
            return true;
        }
        boolean exists = !em.createNativeQuery("SELECT 1 FROM new_device_mail WHERE account_id = ? AND ip = ?")
                .setParameter(1, accountId).setParameter(2, ip).getResultList().isEmpty();
        if (exists) {
            return false;
        }
        // a concurrent first hold inserts the same key: one of the two fails here and retries, and then finds the row
        em.createNativeQuery("INSERT INTO new_device_mail (account_id, ip, sent_at) VALUES (?, ?, ?)")
                .setParameter(1, accountId).setParameter(2, ip).setParameter(3, now).executeUpdate();
        return true;
    }

    /**
     * The held sign-in behind a mailed link, for its page; empty for a link that is unknown, used
     * or expired. Opened from another address, the refusal is recorded.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<Pending> open(String token, Client client) {
        Optional<Pending> pending = pending(token, client);
        pending.filter(p -> !p.sameAddress()).ifPresent(p -> refused(p, client));
        return pending;
    }

    /**
     * Follows a mailed link: from the address that was held, it is used up and that address is
     * known to the account from now on; from another, nothing changes and the refusal is recorded.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Confirmation confirm(String token, Client client) {
        Optional<Pending> pending = pending(token, client);
        if (pending.isEmpty()) {
            return new Confirmation(Outcome.INVALID, 0, null);
        }
        Pending p = pending.get();
        if (!p.sameAddress()) {
            refused(p, client);
            return new Confirmation(Outcome.WRONG_ADDRESS, p.accountId(), p.ip());
        }
        if (!context.getBusinessObject(KnownDevices.class).use(token, p, client)) {
            return new Confirmation(Outcome.INVALID, 0, null);
        }
        remember(p.accountId(), p.ip());
        return new Confirmation(Outcome.CONFIRMED, p.accountId(), p.ip());
    }

    /** Uses the link up (one conditional UPDATE: of two clicks at once, one wins) and records the confirmation. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean use(String token, Pending pending, Client client) {
        long now = clock.millis();
        int used = em.createNativeQuery("UPDATE new_device_token SET used_at = ? WHERE digest = ? AND used_at IS NULL AND expires_at > ?")
                .setParameter(1, now).setParameter(2, Sha256.hex(token)).setParameter(3, now).executeUpdate();
        if (used != 1) {
            return false;
        }
        audit.recordWith(pending.accountId(), EventKind.NEW_DEVICE_CONFIRMED, "address " + pending.ip(), client);
        return true;
    }

    /** The held sign-in behind a mailed link, as {@link #open} but recording nothing. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Pending> pending(String token, Client client) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT account_id, ip, user_agent, created_at FROM new_device_token"
                        + " WHERE digest = ? AND used_at IS NULL AND expires_at > ?")
                .setParameter(1, Sha256.hex(token)).setParameter(2, clock.millis()).getResultList();
        return rows.stream().findFirst().map(r -> new Pending(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                Instant.ofEpochMilli(((Number) r[3]).longValue()), !client.ip().isEmpty() && client.ip().equals(r[1])));
    }

    private void refused(Pending pending, Client client) {
        audit.record(pending.accountId(), EventKind.NEW_DEVICE_REFUSED,
                "the link was opened from " + client.ip() + ", the sign-in came from " + pending.ip(), client);
    }

    /** Records the address as known to the account (its last use moves on if it already was). */
    private void remember(long accountId, String ip) {
        if (ip.isEmpty()) {
            return;
        }
        KnownDevices self = context.getBusinessObject(KnownDevices.class);
        for (int tries = 1; ; tries++) {
            try {
                self.rememberOnce(accountId, ip);
                return;
            } catch (EJBException | PersistenceException raced) { // a concurrent first sign-in from there inserted it
                if (tries == 3) {
                    throw raced;
                }
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void rememberOnce(long accountId, String ip) {
        long now = clock.millis();
        int seen = em.createNativeQuery("UPDATE known_device SET last_seen = ? WHERE account_id = ? AND ip = ?")
                .setParameter(1, now).setParameter(2, accountId).setParameter(3, ip).executeUpdate();
        if (seen == 0) {
            em.createNativeQuery("INSERT INTO known_device (account_id, ip, first_seen, last_seen) VALUES (?, ?, ?, ?)")
                    .setParameter(1, accountId).setParameter(2, ip).setParameter(3, now).setParameter(4, now).executeUpdate();
        }
    }

    private RememberCookie cookie() {
        return new RememberCookie(vault.derive(RememberCookie.KEY_PURPOSE));
    }
}
