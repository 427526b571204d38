package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every page for signed-in users, under every spelling of its URL, to a stranger and to a
 * session that gave only the password: never the page, never an error of the server.
 */
@ExtendWith(Gemhost.class)
class PageSpellingsIT {

    static final List<String> GUARDED = List.of("/profile/edit", "/profile/email", "/profile/delete", "/profile/security_log",
            "/totp/new", "/multifactor_auth/recovery", "/multifactor_auth/regenerate", "/admin", "/sign_in/otp");

    /** The spellings of one path: trailing slash, path parameters (plain and encoded), dot segments, doubled slashes, case, .xhtml, /faces/. */
    static List<String> spellings(String path) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash);
        String leaf = path.substring(slash + 1);
        return List.of(path, path + "/", path + ";jsessionid=x", path + ";x=1", path + "%3Bx=1", path + ".xhtml;x=1",
                dir + "/./" + leaf, "/." + path, dir + "//" + leaf, "/" + path, path.toUpperCase(),
                dir + "/" + Character.toUpperCase(leaf.charAt(0)) + leaf.substring(1), path + ".xhtml", path + ".XHTML",
                "/faces" + path, "/faces" + path + ".xhtml", dir + "/x/.." + "/" + leaf, path + "%2F", dir + "%2F" + leaf);
    }

    @Test
    void noSpellingReachesAGuardedPageWithoutBothFactors() throws Exception {
        Browser halfway = new Browser();
        Enrolled e = Mfa.enroll(new Browser());
        Page otp = Mfa.password(halfway, e.user());
        String cookie = "JSESSIONID=" + halfway.sessionId().orElseThrow();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String page : GUARDED) {
            for (String spelling : spellings(page)) {
                for (String method : new String[] {"GET", "POST"}) {
                    for (String session : new String[] {null, cookie}) {
                        if (session != null && (spelling.equals("/sign_in/otp") || spelling.equals("/sign_in/otp;jsessionid=x"))) {
                            continue; // the one page a half-signed-in session may see (the container drops ;jsessionid)
                        }
                        String head = request(method, spelling, session);
                        sent++;
                        int status = status(head);
                        if ((status >= 200 && status < 300) || status == 413 || status == 415 || status == 422 || status >= 500) {
                            failures.add(method + " " + spelling + (session == null ? " (no session)" : " (password only)") + " -> " + head.lines().findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " requests got through:\n" + String.join("\n", failures));
        assertTrue(otp.status() == 200 && Mfa.otp(halfway, halfway.get("/sign_in/otp"), e.app().next()).path().equals("/profile/edit"),
                "the half-signed-in session still finishes with its code");
    }

    /** Sends the request as written (no client normalises the path) and returns the response head. */
    static String request(String method, String path, String cookie) throws Exception {
        URI base = URI.create(Gemhost.url());
        String body = "form=form&x=1";
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                + (method.equals("POST") ? "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n" : "")
                + "Connection: close\r\n\r\n" + (method.equals("POST") ? body : "");
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            return end < 0 ? response : response.substring(0, end);
        }
    }

    static int status(String head) {
        return head.length() < 12 ? -1 : Integer.parseInt(head.substring(9, 12));
    }
}
