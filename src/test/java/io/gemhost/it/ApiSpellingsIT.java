package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.api.Route;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attack 2: other spellings of the guarded API paths (trailing slash, path parameters, encoded
 * characters, dot segments, doubled slashes, upper case, a .xhtml suffix, a /faces/ prefix) must
 * never reach a resource, with no credentials and with the cookie of a session that gave its
 * password but not its second factor. A spelling that is not canonical is refused with
 * {@code 404 Not found.} before anything routes; under /api/ the guard answers the others; elsewhere no servlet may act
 * on them. Prints the count.
 */
@ExtendWith(Gemhost.class)
class ApiSpellingsIT {

    record Call(String method, String path) {
    }

    /**
     * Every route of the API, by its one legitimate spelling: the guard's own table, so a new
     * route is covered without editing this test ({name} a gem name, {token} a verification
     * token, any other parameter a number).
     */
    static final List<Call> GUARDED = Route.TABLE.stream()
            .map(r -> new Call(r.method(), "/api/" + r.template().replace("{name}", "spellgem").replace("{token}", "A".repeat(43))
                    .replaceAll("\\{[a-z]+\\}", "1")))
            .toList();

    /** What the guard itself may answer; a resource's text (422 Invalid gem, 415, a key, ...) is a pass-through. */
    static final Set<String> GUARD_BODIES = Set.of("Not found.", "Method not allowed.", "Invalid email or password.");

    /** The other spellings of a path "/api/v1/REST". */
    static List<String> spellings(String path) {
        String rest = path.substring("/api/v1/".length());
        String last = rest.contains("/") ? rest.substring(rest.lastIndexOf('/') + 1) : rest;
        String before = rest.substring(0, rest.length() - last.length());
        return Stream.of(
                path + "/",
                path + ";x=1",
                "/api/v1;x=1/" + rest,
                path + "%3Bx=1",
                path + "%3bx=1",
                "/api/v1/./" + rest,
                "/api/v1/x/../" + rest,
                "/api/v1//" + rest,
                "//api/v1/" + rest,
                "/api/V1/" + rest,
                "/API/v1/" + rest,
                "/api/v1/" + before + last.toUpperCase(),
                path + ".xhtml",
                "/faces" + path,
                "/api/faces/v1/" + rest,
                "/api/v1/" + before + "%" + Integer.toHexString(last.charAt(0)) + last.substring(1),
                "/api/v1/" + rest.replace("/", "%2F"),
                "/api%2Fv1%2F" + rest).filter(spelling -> !spelling.equals(path)).distinct().toList();
    }

    @Test
    void noOtherSpellingOfAGuardedRouteReachesAResource() throws Exception {
        Mfa.Enrolled enrolled = Mfa.enroll(new Browser());
        Browser halfSignedIn = new Browser();
        Mfa.password(halfSignedIn, enrolled.user());
        String cookie = halfSignedIn.cookieHeader();
        assertTrue(cookie.contains(Browser.SESSION_COOKIE + "="), "the half signed-in browser has a session: " + cookie);

        List<String> failures = new ArrayList<>();
        int count = 0;
        for (Call call : GUARDED) {
            for (String path : spellings(call.path())) {
                for (String session : new String[] {null, cookie}) {
                    for (String type : new String[] {"application/octet-stream", "application/x-www-form-urlencoded"}) {
                        Map<String, String> headers = new LinkedHashMap<>(Api.headers(null, null));
                        headers.put("Content-Type", type);
                        if (session != null) {
                            headers.put("Cookie", session);
                        }
                        byte[] body = "email=x&gem_name=spellgem&version=1.0.0&name=k&push_rubygem=true".getBytes(StandardCharsets.UTF_8);
                        String what = call.method() + " " + path + (session == null ? "" : " (half signed in)") + " " + type;
                        HttpResponse<String> r;
                        try {
                            r = Api.send(call.method(), path, headers, body);
                        } catch (IllegalArgumentException clientRefusesUri) {
                            continue; // java.net.http would not send it, so nothing reached the server
                        }
                        count++;
                        int status = r.statusCode();
                        if ((status >= 200 && status < 300) || status == 413 || status == 415 || status == 422 || status >= 500) {
                            failures.add(status + " for " + what + ": " + clip(r.body()));
                        } else if (path.startsWith("/api/") && !GUARD_BODIES.contains(r.body()) && !r.body().startsWith("Access Denied.")) {
                            failures.add("not the guard's answer for " + what + ": " + status + " " + clip(r.body()));
                        }
                    }
                }
            }
        }
        System.out.println("ApiSpellingsIT: " + count + " spellings sent, " + failures.size() + " got through");
        assertTrue(failures.isEmpty(), failures.size() + " spellings got through:\n" + String.join("\n", failures));
    }

    private static String clip(String body) {
        String shown = body.replaceAll("\\s+", " ");
        return shown.length() > 120 ? shown.substring(0, 120) + "..." : shown;
    }
}
