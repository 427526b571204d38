package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import io.gemhost.web.PageGuard;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every page for signed-in users, under every spelling of its URL, to a stranger, to a session
 * that gave only the password and to a session that was ended elsewhere: never the page, never an
 * error of the server. The pages come from the guard's own table, so a new page is covered
 * without editing this test.
 */
@ExtendWith(Gemhost.class)
class PageSpellingsIT {

    static final List<String> GUARDED = List.of("/profile/edit", "/profile/security_devices", "/profile/email", "/profile/delete", "/profile/security_log",
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
        String cookie = Browser.SESSION_COOKIE + "=" + halfway.sessionId().orElseThrow();
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


    /** Ways to climb out of a folder: plain, percent-encoded and mixed dot segments, path parameters on them, encoded slashes and backslashes, NULs. */
    static final List<String> CLIMBS = List.of("/..", "/%2e%2e", "/%2E%2E", "/.%2e", "/%2e.", "/./..", "/..;x=1", "/%2e%2e;x=1",
            ";x=1/..", "/x/../..", "/v1/..%2f..", "/v1/..%2F..", "%2f..", "/v1/..%5c..", "/v1/..\\..", "/..%00", "/%252e%252e", "/%c0%ae%c0%ae");
    /** Other folders a path can climb out of: the API's deeper ones, the style sheets, a token page, any, none. */
    static final List<String> FOLDERS = List.of("/api/v1/gems", "/jakarta.faces.resource", "/webauthn_verification", "/x", "");

    /**
     * Every spelling of a page that is not its one URL: the generators of {@link #spellings}, then
     * every way to climb into it from the API (which has its own guard), and the plainer ways from
     * other folders, then NULs and backslashes.
     */
    static Set<String> everySpelling(String page) {
        Set<String> all = new LinkedHashSet<>();
        if (!page.equals("/")) {
            all.addAll(spellings(page));
        } else {
            all.addAll(List.of("/index", "/index.xhtml", "/index.xhtml;x=1", "/;x=1", "//", "/./", "/x/../", "/%2e/", "/faces/", "/INDEX.xhtml"));
        }
        String target = page.equals("/") ? "/index.xhtml" : page;
        for (String climb : CLIMBS) {
            all.add("/api" + climb + target);
        }
        for (String folder : FOLDERS) {
            all.addAll(List.of(folder + "/.." + target, folder + "/%2e%2e" + target, folder + "/..;x=1" + target));
        }
        all.addAll(List.of("/api/.." + target + ".xhtml", "/api/%2e%2e" + target + ".xhtml", "/api/..;x=1" + target + ";x=1",
                page + "%00", page + "%00.xhtml", page + "\\", page.replace("/", "%2f"), page.replace("/", "\\")));
        all.remove(page);
        all.removeIf(s -> s.isEmpty() || s.charAt(0) != '/');
        return all;
    }

    @Test
    void everyPageOfTheTableUnderEverySpellingToAStrangerAndToAnEndedSession() throws Exception {
        Map<String, PageGuard.Access> pages = new java.util.TreeMap<>(PageGuard.PAGES);
        for (PageGuard.Valued valued : PageGuard.VALUED) { // pages whose URL carries a value, with a valid one
            pages.put(valued.exampleUrl(), PageGuard.PAGES.get(valued.page()));
        }
        assertTrue(pages.size() >= 18, "the guard's page table: " + pages.keySet());
        Users.User user = Users.signUp(new Browser());
        EndedSessions ended = new EndedSessions(user);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String page : new TreeSet<>(pages.keySet())) {
            boolean open = pages.get(page) == PageGuard.Access.PUBLIC;
            List<String> all = new ArrayList<>();
            all.add(page);
            all.addAll(everySpelling(page));
            for (String spelling : all) {
                // the container itself drops a session id from the path before anything reads it
                boolean canonical = spelling.equals(page) || spelling.equals(page + ";jsessionid=x");
                for (String method : new String[] {"GET", "POST"}) {
                    for (boolean asEnded : new boolean[] {false, true}) {
                        String cookie = asEnded ? ended.take() : null;
                        String head = request(method, spelling, cookie);
                        sent++;
                        int status = status(head);
                        if (asEnded) {
                            ended.answered(status, head);
                        }
                        boolean reached = status >= 200 && status < 300;
                        boolean wrong = status < 0 || status >= 500 || status == 413 || status == 415 || status == 422
                                || (reached && !(open && canonical));
                        if (wrong) {
                            failures.add(method + " " + spelling + (asEnded ? " (ended session)" : " (stranger)") + " -> " + head.lines().findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        assertTrue(status(request("GET", "/sign_in", null)) == 200, "the canonical URL of a public page is served");
        System.out.println("PageSpellingsIT: " + sent + " requests for " + pages.size() + " pages, " + ended.used + " ended sessions used");
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " requests got through:\n" + String.join("\n", failures));
    }

    /**
     * Cookies of sessions of one account that were signed in and then ended from another session
     * (Sign out everywhere else). The server signs an ended session out when it notices, so a cookie
     * is used again only after a request that was refused before anything routed (the container's
     * 400, the plain-text 404 of a URI that is not canonical, not the page guard's HTML one), or one
     * that already counts as a failure (2xx).
     */
    static final class EndedSessions {
        private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(4);
        private final Users.User user;
        private final Browser keeper = new Browser();
        private final Deque<String> ready = new ArrayDeque<>();
        private String current;
        int used;

        EndedSessions(Users.User user) throws Exception {
            this.user = user;
            Users.signIn(keeper, user.email(), user.password());
        }

        String take() throws Exception {
            if (current == null) {
                if (ready.isEmpty()) {
                    List<java.util.concurrent.Future<Browser>> signIns = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        signIns.add(POOL.submit(() -> {
                            Browser b = new Browser();
                            Page signedIn = Users.signIn(b, user.email(), user.password());
                            assertTrue(signedIn.path().equals("/profile/edit") || signedIn.path().equals("/"), signedIn.url());
                            return b;
                        }));
                    }
                    List<Browser> batch = new ArrayList<>();
                    for (var signIn : signIns) {
                        batch.add(signIn.get());
                    }
                    Page edit = keeper.get("/profile/edit");
                    keeper.submit(edit, "Sign out everywhere else", Map.of());
                    for (Browser b : batch) {
                        ready.add(Browser.SESSION_COOKIE + "=" + b.sessionId().orElseThrow());
                    }
                }
                current = ready.poll();
                used++;
            }
            return current;
        }

        void answered(int status, String head) {
            boolean refusedFirst = status == 404 && head.toLowerCase(java.util.Locale.ROOT).contains("content-type: text/plain");
            if (!refusedFirst && status != 400 && !(status >= 200 && status < 300)) {
                current = null;
            }
        }
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
