package io.gemhost.webauthn;

import io.gemhost.Sha256;
import io.gemhost.totp.KeyCipher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gem client's WebAuthn verification, its security-key sign-in (the gem client's protocol): a token for the URL the
 * client prints, single use and valid for two minutes; once the token's account used a key on
 * that page, a one-time code for the client, single use and valid for two minutes. Only digests
 * are stored; the code is also kept sealed under a key derived from the token, so the client's
 * poller (which knows the token) can read it and a database reader cannot. A token remembers who
 * asked for it: the credential (an API key, or the password) that alone may poll it, and the
 * address, client and time that the page shows the owner (docs/SECURITY.md).
 */
@Stateless
public class WebauthnVerificationTokens {

    public static final Duration LIFETIME = Duration.ofMinutes(2);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** requested_by_key of a token asked with the password (key ids are positive). */
    private static final long NO_KEY = 0;

    /** What the client's poller learns. */
    public enum State { PENDING, SUCCESS, EXPIRED }

    public record Status(State state, String code) {
    }

    /** Who asked for a token: the account, the API key (null: the password), when, from where, with which client. */
    public record Request(long accountId, Long keyId, long at, String ip, String client) {
    }

    /** The longest client text kept and shown, in characters. */
    static final int CLIENT_TEXT = 120;

    @PersistenceContext
    EntityManager em;
    @Inject
    Clock clock;

    public static boolean isToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    public static boolean isCode(String input) {
        return input != null && CODE.matcher(input.strip()).matches();
    }

    /**
     * A new token for this account, asked with this API key (null: the password) from this address
     * and client; the account's expired tokens go.
     */
    public String start(long accountId, Long keyId, String ip, String userAgent) {
        long now = clock.millis();
        em.createNativeQuery("DELETE FROM webauthn_verification WHERE account_id = ? AND expires_at <= ?")
                .setParameter(1, accountId).setParameter(2, now - LIFETIME.toMillis()).executeUpdate();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Ceremonies.b64(bytes);
        em.createNativeQuery("INSERT INTO webauthn_verification (token_digest, account_id, expires_at, code_used, "
                        + "requested_by_key, requested_at, requested_ip, requested_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .setParameter(1, digest(token)).setParameter(2, accountId).setParameter(3, now + LIFETIME.toMillis())
                .setParameter(4, false).setParameter(5, keyId == null ? NO_KEY : keyId).setParameter(6, now)
                .setParameter(7, ip == null ? "" : ip).setParameter(8, clientText(userAgent)).executeUpdate();
        return token;
    }

    /** Who asked for a token that is still waiting for its key. */
    public Optional<Request> request(String token) {
        if (!isToken(token)) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("SELECT account_id, requested_by_key, requested_at, requested_ip, requested_agent "
                        + "FROM webauthn_verification WHERE token_digest = ? AND verified_at IS NULL AND expires_at > ?")
                .setParameter(1, digest(token)).setParameter(2, clock.millis()).getResultList();
        return rows.stream().findFirst().map(r -> (Object[]) r).map(r -> new Request(((Number) r[0]).longValue(),
                ((Number) r[1]).longValue() == NO_KEY ? null : ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), (String) r[3], (String) r[4]));
    }

    /**
     * A client's words as the page shows them: control and format characters (line breaks, bidi
     * overrides) become "?", runs of spaces one space, and the text ends after CLIENT_TEXT
     * characters with an ellipsis. Markup stays text: the page escapes it.
     */
    static String clientText(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "";
        }
        String plain = userAgent.replaceAll("[\\p{Cc}\\p{Cf}]", "?").replaceAll("\\s+", " ").strip();
        return plain.length() <= CLIENT_TEXT ? plain : plain.substring(0, CLIENT_TEXT - 1) + "\u2026";
    }

    /** The account a token that is still waiting for its key belongs to. */
    public Optional<Long> waiting(String token) {
        if (!isToken(token)) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("SELECT account_id FROM webauthn_verification WHERE token_digest = ? AND verified_at IS NULL AND expires_at > ?")
                .setParameter(1, digest(token)).setParameter(2, clock.millis()).getResultList();
        return rows.stream().findFirst().map(r -> ((Number) r).longValue());
    }

    /** The token's key was used: the token is spent and the client's code made; empty if the token was not waiting. */
    public Optional<String> complete(String token) {
        if (!isToken(token)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        int updated = em.createNativeQuery("UPDATE webauthn_verification SET verified_at = ?, code_digest = ?, code_sealed = ? "
                        + "WHERE token_digest = ? AND verified_at IS NULL AND expires_at > ?")
                .setParameter(1, clock.millis()).setParameter(2, digest(code)).setParameter(3, seal(token, code))
                .setParameter(4, digest(token)).setParameter(5, clock.millis()).executeUpdate();
        return updated == 1 ? Optional.of(code) : Optional.empty();
    }

    /**
     * What the poller of a token learns: only the account and credential (the API key, or null for
     * the password) that started it learn anything; for anyone else it is a token that does not exist.
     */
    public Status status(String token, long accountId, Long keyId) {
        if (!isToken(token)) {
            return new Status(State.EXPIRED, null);
        }
        List<?> rows = em.createNativeQuery("SELECT expires_at, verified_at, code_sealed, code_used FROM webauthn_verification "
                        + "WHERE token_digest = ? AND account_id = ? AND requested_by_key = ?")
                .setParameter(1, digest(token)).setParameter(2, accountId).setParameter(3, keyId == null ? NO_KEY : keyId).getResultList();
        long now = clock.millis();
        if (rows.isEmpty()) {
            return new Status(State.EXPIRED, null);
        }
        Object[] row = (Object[]) rows.get(0);
        Number verifiedAt = (Number) row[1];
        if (verifiedAt == null) {
            return ((Number) row[0]).longValue() > now ? new Status(State.PENDING, null) : new Status(State.EXPIRED, null);
        }
        boolean used = Boolean.TRUE.equals(row[3]) || (row[3] instanceof Number n && n.intValue() != 0);
        if (used || verifiedAt.longValue() + LIFETIME.toMillis() <= now) {
            return new Status(State.EXPIRED, null);
        }
        return new Status(State.SUCCESS, open(token, (String) row[2]));
    }

    /** Uses up a code of this account: true once, within its lifetime. */
    public boolean useCode(long accountId, String code) {
        if (!isCode(code)) {
            return false;
        }
        return em.createNativeQuery("UPDATE webauthn_verification SET code_used = ? WHERE code_digest = ? AND account_id = ? "
                        + "AND code_used = ? AND verified_at > ?")
                .setParameter(1, true).setParameter(2, digest(code.strip())).setParameter(3, accountId)
                .setParameter(4, false).setParameter(5, clock.millis() - LIFETIME.toMillis()).executeUpdate() == 1;
    }

    public void removeAll(long accountId) {
        em.createNativeQuery("DELETE FROM webauthn_verification WHERE account_id = ?").setParameter(1, accountId).executeUpdate();
    }

    static String digest(String text) {
        return Sha256.hex(text);
    }

    /** The code sealed under its token's key (KeyCipher; no associated data): URL-safe base64 of IV, ciphertext and tag. */
    static String seal(String token, String code) {
        return Ceremonies.b64(cipherOf(token).sealBytes(code.getBytes(StandardCharsets.US_ASCII), NO_ASSOCIATED_DATA));
    }

    static String open(String token, String sealed) {
        return new String(cipherOf(token).openBytes(Ceremonies.unb64(sealed), NO_ASSOCIATED_DATA), StandardCharsets.US_ASCII);
    }

    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    /** The code's key: SHA-256 of a fixed prefix and the token, so only who knows the token opens it. */
    static KeyCipher cipherOf(String token) {
        try {
            return new KeyCipher(MessageDigest.getInstance("SHA-256").digest(("gemhost command-line code " + token)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
