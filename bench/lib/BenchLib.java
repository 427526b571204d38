import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the bench clients share: TOTP codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps) and posting a Faces form.
 * Not run by itself: bench/run.sh and bench/profile.sh compile it into target/bench-classes, and each client runs
 * as {@code java -cp target/bench-classes bench/X.java} (a source-file launch on Java 17 compiles one file only).
 * Public throughout: the launched client is loaded by a class loader of its own, so package access does not reach here.
 */
public final class BenchLib {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"gemhost_form\" value=\"([^\"]+)\"");

    private BenchLib() {
    }

    /** The current 30 s step. */
    public static long step() {
        return Math.floorDiv(System.currentTimeMillis() / 1000, 30);
    }

    /** The code of a base32 key for a step. */
    public static String code(String base32, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32Decode(base32), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[h.length - 1] & 0x0f;
            int v = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff)) % 1_000_000;
            return String.format("%06d", v);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32Decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toUpperCase().replace("=", "").toCharArray()) {
            buffer = buffer << 5 | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write(buffer >> (bits - 8) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    /**
     * Posts the Faces form with this id on the page: its view state, its form token (docs/SECURITY.md, "Forms"), the
     * given fields and nothing else. IllegalStateException when the page has no such form.
     */
    public static HttpResponse<String> submit(HttpClient http, HttpResponse<String> page, String formId, Map<String, String> fields)
            throws Exception {
        Matcher state = VIEW_STATE.matcher(page.body());
        Matcher action = Pattern.compile("<form id=\"" + formId + "\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        if (!state.find() || !action.find()) {
            throw new IllegalStateException("no form " + formId + " with a view state on " + page.uri());
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put(formId, formId);
        all.put("jakarta.faces.ViewState", state.group(1).replace("&#58;", ":"));
        Matcher token = FORM_TOKEN.matcher(page.body());
        if (token.find()) {
            all.put("gemhost_form", token.group(1));
        }
        return post(http, page.uri(), action.group(1), all);
    }

    /** Posts these fields, url-encoded, to a form's action (HTML-unescaped, resolved against the page). */
    public static HttpResponse<String> post(HttpClient http, URI page, String action, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(page.resolve(action.replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
