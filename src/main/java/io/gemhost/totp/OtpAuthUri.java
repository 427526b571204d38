package io.gemhost.totp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER} URI that authenticator apps scan
 * (docs/SECURITY.md).
 *
 * <p>Issuer and account are percent-encoded as UTF-8 with {@code %20} for a space, since apps differ on whether
 * {@code +} means a space. A colon separates issuer from account in the label, so neither may contain one: the
 * issuer is the host name without its port ({@link #issuerFromHost}). The secret goes out without padding, which
 * some apps refuse.
 */
public final class OtpAuthUri {

    private static final String FALLBACK_ISSUER = "gemhost";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {
    }

    /**
     * @throws IllegalArgumentException if issuer or account is empty or contains ':', or the secret is not base32
     */
    public static String of(String issuer, String account, String base32Secret) {
        requireLabelPart("issuer", issuer);
        requireLabelPart("account", account);
        if (base32Secret == null) {
            throw new IllegalArgumentException("secret is missing");
        }
        String secret = base32Secret.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
        Base32.decode(secret);
        String encodedIssuer = percentEncode(issuer);
        return "otpauth://totp/" + encodedIssuer + ":" + percentEncode(account)
                + "?secret=" + secret + "&issuer=" + encodedIssuer;
    }

    /**
     * The issuer for a request's host: lower case, without port. An IPv6 literal has its colons replaced by
     * {@code -} (as in the ipv6-literal.net convention) since the label may hold no colon.
     */
    public static String issuerFromHost(String host) {
        if (host == null || host.isBlank()) {
            return FALLBACK_ISSUER;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close < 0 ? h.substring(1) : h.substring(1, close);
            h = h.replace(':', '-');
        } else if (h.indexOf(':') != h.lastIndexOf(':')) {
            h = h.replace(':', '-');
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? FALLBACK_ISSUER : h;
    }

    private static void requireLabelPart(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(what + " must not contain ':'");
        }
    }

    /** RFC 3986: unreserved characters stay, every other UTF-8 byte becomes %XX. */
    static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length() * 3);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
