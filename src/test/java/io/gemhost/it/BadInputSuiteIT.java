package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5, proof 3: hundreds of malformed requests across every form, every API endpoint and
 * the headers. None may answer 5xx (501 for a method the server does not know is fine), and no
 * body may show a stack trace or a class name. Prints the count.
 */
@ExtendWith(Gemhost.class)
class BadInputSuiteIT {

    static final List<String> VALUES = List.of("", "x".repeat(10_000), "ünïcødé✓密", "<script>alert(1)</script>",
            "' OR '1'='1'; --", "\u0000\u0007", "-1", "9".repeat(40), "a\r\nX-Injected: 1", "%E0%A4%A");
    /** A class name of an exception, a stack frame, a source line, or one of gemhost's own classes. */
    static final Pattern LEAK = Pattern.compile("([a-z][a-z0-9_]*\\.)+[A-Z]\\w*(Exception|Error)\\b|\\bat [\\w.$]+\\(\\w+\\.java:\\d+\\)"
            + "|\\.java:\\d+|[Ss]tack ?[Tt]race|io\\.gemhost\\.[a-z]+\\.[A-Z]");

    private final List<String> failures = new ArrayList<>();
    private int count;

    private void check(String what, int status, String body) {
        count++;
        if (status >= 500 && status != 501) {
            failures.add(status + " for " + what);
        } else if (body != null && LEAK.matcher(body).find()) {
            failures.add("internals shown for " + what + ": " + body.substring(0, Math.min(300, body.length())));
        }
    }

    private static String clip(String value) {
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 20 ? shown.substring(0, 20) + "..." : shown;
    }

    @Test
    void noMalformedRequestGetsA5xxOrShowsInternals() throws Exception {
        Enrolled account = Mfa.enroll(new Browser());
        Browser signedIn = new Browser();
        Mfa.otp(signedIn, Mfa.password(signedIn, account.user()), account.recoveryCodes().get(0));
        Page level = signedIn.submit(signedIn.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", account.recoveryCodes().get(1)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        String key = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(account.user().email(), account.user().password()),
                account.recoveryCodes().get(2)), Api.ALL_SCOPES).body();
        assertTrue(key.startsWith("gemhost_"), key);
        String gem = "bad" + Long.toString(System.nanoTime(), 36);
        Map<String, String> pushHeaders = new LinkedHashMap<>(Api.headers(key, account.recoveryCodes().get(3)));
        pushHeaders.put("Content-Type", "application/octet-stream");
        assertEquals(200, Api.send("POST", "/api/v1/gems", pushHeaders, TestGems.gem(gem, "1.0.0", "ruby", false)).statusCode());

        forms(account, signedIn);
        api(key, gem, account);
        raw(key);

        System.out.println("BadInputSuiteIT: " + count + " malformed requests, " + failures.size() + " failures");
        assertTrue(count >= 300, "only " + count + " requests");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Every form field of every page, with each bad value, through the page as a browser posts it. */
    private void forms(Enrolled account, Browser signedIn) throws Exception {
        record Form(String path, String button, Map<String, String> valid) {
        }
        Users.User fresh = Users.fresh();
        List<Form> anonymous = List.of(
                new Form("/sign_up", "Sign up", Map.of("Email", fresh.email(), "Handle", fresh.handle(), "Password", fresh.password())),
                new Form("/sign_in", "Sign in", Map.of("Email", Users.fresh().email(), "Password", "wrong password here")));
        for (Form form : anonymous) {
            for (String field : form.valid().keySet()) {
                for (String bad : VALUES) {
                    Browser browser = new Browser();
                    Map<String, String> values = new LinkedHashMap<>(form.valid());
                    values.put(field, bad);
                    Page page = browser.submit(browser.get(form.path()), form.button(), values);
                    check(form.path() + " " + field + "=" + clip(bad), page.status(), page.body());
                }
            }
        }
        // the second sign-in step, in a half-signed-in session
        Browser half = new Browser();
        Page otp = Mfa.password(half, account.user());
        for (String bad : VALUES) {
            Page page = half.submit(otp, "Verify", Map.of("OTP code", bad));
            check("/sign_in/otp OTP code=" + clip(bad), page.status(), page.body());
        }
        List<Form> signedInForms = List.of(
                new Form("/profile/edit", "Change password", Map.of("Current password", "not the password", "New password", "another long password")),
                new Form("/profile/edit", "Update", Map.of("MFA level", "UI only", "OTP code", "000000")),
                new Form("/totp/new", "Enable", Map.of("OTP code", "000000")),
                new Form("/multifactor_auth/regenerate", "Regenerate", Map.of("OTP code", "000000")));
        for (Form form : signedInForms) {
            for (String field : form.valid().keySet()) {
                for (String bad : VALUES) {
                    Map<String, String> values = new LinkedHashMap<>(form.valid());
                    values.put(field, bad);
                    Page page = signedIn.submit(signedIn.get(form.path()), form.button(), values);
                    check(form.path() + " " + form.button() + " " + field + "=" + clip(bad), page.status(), page.body());
                }
            }
        }
        // posts that bypass the page: no view state, a forged one, unknown fields
        for (String path : List.of("/sign_in", "/sign_up", "/sign_in/otp", "/profile/edit", "/totp/new", "/multifactor_auth/regenerate",
                "/multifactor_auth/recovery", "/profile/security_log", "/no/such/page")) {
            for (Map<String, String> form : List.<Map<String, String>>of(Map.of(), Map.of("jakarta.faces.ViewState", "forged:1"),
                    Map.of("j_idt1", "x", "jakarta.faces.ViewState", "stateless", "anything", "x".repeat(5000)))) {
                Page page = signedIn.post(path, form);
                check("POST " + path + " " + form.keySet(), page.status(), page.body());
            }
        }
        for (String query : List.of("?page=-1", "?page=99999999999", "?page=abc", "?page=%00", "?return_to=//evil.example",
                "?return_to=http://evil.example", "?x=%25%25%25")) {
            Page page = signedIn.get("/profile/security_log" + query);
            check("GET /profile/security_log" + query, page.status(), page.body());
            Page signIn = new Browser().get("/sign_in" + query);
            check("GET /sign_in" + query, signIn.status(), signIn.body());
        }
    }

    /** Every endpoint with bad credentials, OTP headers, content types and bodies. */
    private void api(String key, String gem, Enrolled account) throws Exception {
        record Call(String method, String path, String form) {
        }
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/api_key", null),
                new Call("POST", "/api/v1/api_key", "name=x&push_rubygem=true"),
                new Call("PUT", "/api/v1/api_key", "api_key=" + key + "&yank_rubygem=true"),
                new Call("GET", "/api/v1/gems.json", null),
                new Call("GET", "/api/v1/gems.yaml", null),
                new Call("POST", "/api/v1/gems", null),
                new Call("DELETE", "/api/v1/gems/yank", "gem_name=" + gem + "&version=%FF%FE"),
                new Call("POST", "/api/v1/gems/" + gem + "/owners", "email=%C3%28"),
                new Call("DELETE", "/api/v1/gems/" + gem + "/owners", "email="),
                new Call("GET", "/api/v1/gems/" + gem + "/owners.yaml", null),
                new Call("GET", "/api/v1/gems/%2e%2e%2f%2e%2e/owners.json", null),
                new Call("POST", "/api/v1/webauthn_verification", null),
                new Call("GET", "/api/v1/health", null),
                new Call("GET", "/api/v1/nothing/here", null));
        String basic = Api.basic(account.user().email(), account.user().password());
        List<String> authorizations = List.of("", "Basic", "Basic !!!", "Basic " + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes()),
                "Basic " + java.util.Base64.getEncoder().encodeToString("ü@x:密".getBytes(StandardCharsets.UTF_8)), "Bearer " + key,
                key + "x", "gemhost_" + "z".repeat(48), "x".repeat(10_000), basic, key);
        List<String> otps = List.of("", "abc", "1".repeat(10_000), "12345 6", "ü", "-1", "0000000000");
        List<String> types = List.of("text/plain", "multipart/form-data; boundary=", "application/x-www-form-urlencoded; charset=bogus",
                "application/json", "%%%");
        for (Call call : calls) {
            byte[] body = call.form() == null ? (call.path().equals("/api/v1/gems") ? "not a gem".getBytes() : null)
                    : call.form().getBytes(StandardCharsets.UTF_8);
            String type = call.form() == null ? "application/octet-stream" : "application/x-www-form-urlencoded";
            for (String auth : authorizations) {
                Map<String, String> h = new LinkedHashMap<>(Map.of("Content-Type", type));
                if (!auth.isEmpty()) {
                    h.put("Authorization", auth);
                }
                var r = Api.send(call.method(), call.path(), h, body);
                check(call.method() + " " + call.path() + " Authorization=" + clip(auth), r.statusCode(), r.body());
            }
            for (String otp : otps) {
                var r = Api.send(call.method(), call.path(), Map.of("Content-Type", type, "Authorization", key, "OTP", otp), body);
                check(call.method() + " " + call.path() + " OTP=" + clip(otp), r.statusCode(), r.body());
            }
            for (String t : types) {
                var r = Api.send(call.method(), call.path(), Map.of("Content-Type", t, "Authorization", key), body);
                check(call.method() + " " + call.path() + " Content-Type=" + t, r.statusCode(), r.body());
            }
        }
    }

    /** What java.net.http refuses to send: broken request lines, lengths, methods and encodings. */
    private void raw(String key) throws Exception {
        List<String> heads = List.of(
                "FOO /api/v1/health HTTP/1.1\r\n",
                "PROPFIND /sign_in HTTP/1.1\r\n",
                "TRACE /api/v1/health HTTP/1.1\r\n",
                "PATCH /api/v1/api_key HTTP/1.1\r\nAuthorization: " + key + "\r\n",
                "OPTIONS /api/v1/gems HTTP/1.1\r\n",
                "GET /api/v1/health HTTP/1.1\r\nOTP: \u00ff\u00fe\r\n",
                "GET /api/v1/gems.json HTTP/1.1\r\nAuthorization: \u00e9\u00e8\r\n",
                "GET /api/v1/gems.json HTTP/1.1\r\nAuthorization:\r\n",
                "GET /sign_in?%G0 HTTP/1.1\r\n",
                "GET /profile/security_log?%%%=1 HTTP/1.1\r\n",
                "GET /%C0%AE%C0%AE/WEB-INF/web.xml HTTP/1.1\r\n",
                "GET /WEB-INF/web.xml HTTP/1.1\r\n",
                "GET /resources/../WEB-INF/web.xml HTTP/1.1\r\n");
        for (String head : heads) {
            String response = exchange(head + "Host: x\r\nConnection: close\r\n\r\n", new byte[0]);
            check("raw " + head.lines().findFirst().orElse(""), status(response), response);
        }
        String[][] posts = {
                {"/sign_in", "application/x-www-form-urlencoded", "a=%E0%A4%A&b=%%&c=%C3%28"},
                {"/sign_up", "application/x-www-form-urlencoded", "\u0000\u0000\u0000"},
                {"/api/v1/gems", "application/octet-stream", "\u001f\u008b\u0008garbage"},
                {"/api/v1/api_key", "application/x-www-form-urlencoded", "name=%ZZ"}};
        for (String[] post : posts) {
            byte[] body = post[2].getBytes(StandardCharsets.ISO_8859_1);
            // Content-Length larger than the body: the server must time out the read, not fail
            for (int extra : new int[] {0, 1000}) {
                String head = "POST " + post[0] + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: " + key
                        + "\r\nContent-Type: " + post[1] + "\r\nContent-Length: " + (body.length + extra) + "\r\n\r\n";
                String response = exchange(head, body);
                check("raw POST " + post[0] + " length+" + extra, status(response), response);
            }
        }
    }

    private static int status(String response) {
        if (response.length() < 12 || !response.startsWith("HTTP/1.")) {
            return 0; // the server closed the connection without an answer: no 5xx
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String exchange(String head, byte[] body) throws Exception {
        URI base = URI.create(Gemhost.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(90_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
