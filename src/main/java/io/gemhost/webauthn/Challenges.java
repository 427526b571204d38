package io.gemhost.webauthn;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The WebAuthn challenges this browser session was given: 32 random bytes each, bound to the
 * session, to one purpose and (except for passkey sign-in) to one account, valid for two minutes
 * and taken at most once. A page that offers a key asks for a challenge as it renders; only the
 * newest few are kept.
 */
@SessionScoped
public class Challenges implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Duration LIFETIME = Duration.ofMinutes(2);
    static final int KEPT = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a challenge may be used for. */
    public enum Purpose { REGISTER, SECOND_FACTOR, PASSKEY }

    /** A challenge as it was given; note is what the page put in the options that the response cannot repeat (a new key's user handle). */
    public record Issued(Purpose purpose, long accountId, long expiresAt, String note) implements Serializable {
    }

    private final Map<String, Issued> issued = new LinkedHashMap<>();

    /** A new challenge for this purpose and account (0 when no account is known yet). */
    public synchronized byte[] issue(Purpose purpose, long accountId, long nowMillis, String note) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        issued.values().removeIf(i -> i.expiresAt() <= nowMillis);
        while (issued.size() >= KEPT) {
            issued.remove(issued.keySet().iterator().next());
        }
        issued.put(key(challenge), new Issued(purpose, accountId, nowMillis + LIFETIME.toMillis(), note));
        return challenge;
    }

    /** Once for a challenge this session was given for this purpose and account, within its lifetime. */
    public synchronized Optional<Issued> take(Purpose purpose, long accountId, byte[] challenge, long nowMillis) {
        if (challenge == null || challenge.length != 32) {
            return Optional.empty();
        }
        Issued found = issued.remove(key(challenge));
        return found != null && found.purpose() == purpose && found.accountId() == accountId && found.expiresAt() > nowMillis
                ? Optional.of(found) : Optional.empty();
    }

    private static String key(byte[] challenge) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(challenge);
    }
}
