package io.gemhost.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The remember-this-device cookie: {@code ACCOUNT.SECONDS.MAC}, where SECONDS is when it was set
 * and MAC is base64url(HMAC-SHA256(key, "ACCOUNT.SECONDS")) under a key derived from
 * GEMHOST_SECRET_KEY. It vouches for a browser for one account for 30 days from then; it holds
 * no secret of the account and proves nothing but "this browser finished a sign-in here". Pure:
 * the time is a parameter.
 */
public final class RememberCookie {

    public static final String NAME = "gemhost_device";
    public static final Duration LIFETIME = Duration.ofDays(30);
    /** What KeyVault.derive is asked for this cookie's key. */
    public static final String KEY_PURPOSE = "gemhost remember-device cookie";
    /** A cookie set up to this far in the future (another node's clock) still counts. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private final byte[] key;

    public RememberCookie(byte[] key) {
        this.key = key.clone();
    }

    public String issue(long accountId, Instant now) {
        String payload = accountId + "." + now.getEpochSecond();
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(payload));
    }

    /** Whether this cookie value was set by this server for this account less than 30 days before {@code now}. */
    public boolean vouchesFor(String value, long accountId, Instant now) {
        if (value == null || value.length() > 120) {
            return false;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(Long.toString(accountId)) || !parts[1].matches("[0-9]{1,12}")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MessageDigest.isEqual(given, mac(parts[0] + "." + parts[1]))) {
            return false;
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        return !issued.isAfter(now.plus(SKEW)) && issued.plus(LIFETIME).isAfter(now);
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
