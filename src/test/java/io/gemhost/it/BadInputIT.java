package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.account.AccountRules;
import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed input at every door, driven by tables: every form field, every
 * API endpoint with bad credentials, OTP headers, content types and bodies, raw requests that
 * java.net.http refuses to send, and broken gems. Nothing may answer 5xx (501 for a method the
 * server does not know is fine) or show a stack trace or a class name; on top of that:
 * <ul>
 * <li>the values marked {@link Bad#refused} bring a form back with a message (a password the
 * rules accept must work as typed instead);
 * <li>the authorizations marked {@link Auth#malformed} get a 4xx from the endpoints that need one;
 * <li>malformed OTP headers get 401 or 429 (400 from the HTTP layer for non-ASCII bytes);
 * <li>broken gems get a 4xx with a reason and leave no file and no row behind.
 * </ul>
 * Prints the counts.
 */
@ExtendWith(Gemhost.class)
class BadInputIT {

    /** A bad field value; {@code refused}: the form must come back with a message for it. */
    record Bad(String value, boolean refused) {
    }

    static final List<Bad> VALUES = List.of(
            new Bad("", true),
            new Bad("x".repeat(10_000), true),
            new Bad("ünïcødé✓密", true),
            new Bad("<script>alert(1)</script>", true),
            new Bad("' OR '1'='1'; DROP TABLE account; --", true),
            new Bad("\u0000\u0007", true),
            new Bad("   ", true),
            new Bad("' OR '1'='1'; --", false),
            new Bad("-1", false),
            new Bad("9".repeat(40), false),
            new Bad("a\r\nX-Injected: 1", false),
            new Bad("%E0%A4%A", false));

    /** A class name of an exception, a stack frame, a source line, or one of gemhost's own classes. */
    static final Pattern LEAK = Pattern.compile("([a-z][a-z0-9_]*\\.)+[A-Z]\\w*(Exception|Error)\\b|\\bat [\\w.$]+\\(\\w+\\.java:\\d+\\)"
            + "|\\.java:\\d+|[Ss]tack ?[Tt]race|io\\.gemhost\\.[a-z]+\\.[A-Z]");

    private final List<String> failures = new ArrayList<>();
    private int count;

    /** No 5xx and no internals, for every request. */
    private void check(String what, int status, String body) {
        count++;
        if (status >= 500 && status != 501) {
            failures.add(status + " for " + what);
        } else if (body != null && LEAK.matcher(body).find()) {
            failures.add("internals shown for " + what + ": " + body.substring(0, Math.min(300, body.length())));
        }
    }

    private void expect(boolean ok, String what) {
        if (!ok) {
            failures.add(what);
        }
    }

    private static String clip(String value) {
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 20 ? shown.substring(0, 20) + "..." : shown;
    }

    /**
     * A form: its page, its button, and valid values for its fields (one of which each row
     * replaces with a bad value) made fresh for each row. {@code refuses}: the page must come back
     * with a message for the values marked refused. {@code skipValidPassword}: a value the
     * password rules accept is not sent in this field (it would change the account's password).
     */
    record Form(String path, String button, Function<Users.User, Map<String, String>> valid, boolean refuses,
            String skipValidPassword) {
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

        int refused = forms(account, signedIn);
        int malformed = api(key, gem, account);
        raw(key);

        System.out.println("BadInputIT: " + count + " malformed requests (" + refused + " form values refused with a message, "
                + malformed + " malformed authorizations answered 4xx), " + failures.size() + " failures");
        assertTrue(count >= 300, "only " + count + " requests");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Every form field of every page, with each bad value, through the page as a browser posts it. */
    private int forms(Enrolled account, Browser signedIn) throws Exception {
        int refused = 0;
        // anonymous forms, a fresh browser and fresh valid values for each row
        List<Form> anonymous = List.of(
                new Form("/sign_up", "Sign up", u -> Map.of("Email", u.email(), "Handle", u.handle(), "Password", u.password()), true, null),
                new Form("/sign_in", "Sign in", u -> Map.of("Email", u.email(), "Password", u.password()), true, null));
        for (Form form : anonymous) {
            for (String field : form.valid().apply(Users.fresh()).keySet()) {
                for (Bad bad : VALUES) {
                    Browser browser = new Browser();
                    Map<String, String> values = new LinkedHashMap<>(form.valid().apply(Users.fresh()));
                    values.put(field, bad.value());
                    Page page = browser.submit(browser.get(form.path()), form.button(), values);
                    String what = form.path() + " " + field + "=" + clip(bad.value());
                    check(what, page.status(), page.body());
                    if (form.path().equals("/sign_up") && field.equals("Password") && AccountRules.password(bad.value()).isEmpty()) {
                        // markup or SQL is a fine password: stored as a hash, it must work as typed
                        expect(page.path().equals("/profile/edit"), "a valid password was refused: " + what);
                        expect(Users.signIn(new Browser(), values.get("Email"), bad.value()).path().equals("/profile/edit"),
                                "a valid password does not sign in as typed: " + what);
                    } else if (bad.refused()) {
                        refused += refusedWithAMessage(page, form.path(), what);
                    }
                }
            }
        }

        // the second sign-in step, in a half-signed-in session; a security key's response comes in the same field
        Browser half = new Browser();
        Page otp = Mfa.password(half, account.user());
        List<String> keyResponses = List.of("{", "{}", "{\"id\":\"x\",\"type\":\"public-key\",\"response\":{}}",
                "{\"id\":\"" + "A".repeat(20_000) + "\"}", "{\"rawId\":[1,2],\"response\":{\"clientDataJSON\":\"%%%\"}}");
        for (String value : Stream.concat(VALUES.stream().map(Bad::value), keyResponses.stream()).toList()) {
            Page page = half.submit(otp, "Verify", Map.of("OTP code", value));
            check("/sign_in/otp OTP code=" + clip(value), page.status(), page.body());
        }
        // passkey sign-in and the command line's key page, whose response fields a script fills
        Browser visitor = new Browser();
        for (String value : Stream.concat(VALUES.stream().limit(4).map(Bad::value), keyResponses.stream()).toList()) {
            Page page = visitor.submit(visitor.get("/sign_in"), "Sign in with a passkey", Map.of("passkey:response", value));
            check("/sign_in passkey response=" + clip(value), page.status(), page.body());
            expect(page.text().contains("That passkey was not accepted"), "a bad passkey response is not refused with a message: " + clip(value));
            Page verification = visitor.get("/webauthn_verification/" + "A".repeat(43) + "?port="
                    + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
            check("/webauthn_verification port=" + clip(value), verification.status(), verification.body());
        }

        // forms of signed-in accounts: one without MFA (whose current password is given, so only the
        // bad value is wrong), and the MFA account above
        Users.User owner = Users.signUp(new Browser());
        Browser ownerBrowser = new Browser();
        Users.signIn(ownerBrowser, owner.email(), owner.password());
        record SignedIn(Browser browser, Form form) {
        }
        List<SignedIn> signedInForms = List.of(
                new SignedIn(ownerBrowser, new Form("/profile/password", "Change password",
                        u -> Map.of("Current password", owner.password(), "New password", "unchanged-" + owner.password()), true, "New password")),
                new SignedIn(signedIn, new Form("/profile/password", "Change password",
                        u -> Map.of("Current password", "not the password", "New password", "another long password"), false, null)),
                new SignedIn(signedIn, new Form("/profile/edit", "Update", u -> Map.of("MFA level", "UI only", "OTP code", "000000"), false, null)),
                new SignedIn(signedIn, new Form("/totp/new", "Enable", u -> Map.of("OTP code", "000000"), false, null)),
                new SignedIn(signedIn, new Form("/multifactor_auth/regenerate", "Regenerate", u -> Map.of("OTP code", "000000"), false, null)));
        for (SignedIn row : signedInForms) {
            Form form = row.form();
            for (String field : form.valid().apply(null).keySet()) {
                for (Bad bad : VALUES) {
                    if (form.refuses() && !bad.refused()) {
                        // only the refused values here: each wrong current password counts on the
                        // account's sign-in throttle, and ten would pause the owner (docs/SECURITY.md, throttles)
                        continue;
                    }
                    if (field.equals(form.skipValidPassword()) && AccountRules.password(bad.value()).isEmpty()) {
                        continue; // a valid new password, which would be accepted
                    }
                    Map<String, String> values = new LinkedHashMap<>(form.valid().apply(null));
                    values.put(field, bad.value());
                    Page page = row.browser().submit(row.browser().get(form.path()), form.button(), values);
                    String what = form.path() + " " + form.button() + " " + field + "=" + clip(bad.value());
                    check(what, page.status(), page.body());
                    if (form.refuses() && bad.refused()) {
                        refused += refusedWithAMessage(page, form.path(), what);
                    }
                }
            }
        }
        expect(Users.signIn(new Browser(), owner.email(), owner.password()).path().equals("/profile/edit"),
                "the owner's password changed under bad input");

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
        return refused;
    }

    /** The form is shown again, with a message, and the markup is not executed. */
    private int refusedWithAMessage(Page page, String path, String what) {
        expect(page.status() == 200, "status " + page.status() + " for " + what);
        expect(page.path().equals(path), "left the form (" + page.path() + ") for " + what);
        expect(!page.doc().select(".field-error, #messages li").isEmpty(), "no message for " + what + ": " + page.text());
        expect(!page.body().contains("<script>alert(1)</script>"), "markup shown as is for " + what);
        expect(!page.body().contains("Exception"), "an exception shown for " + what);
        return 1;
    }

    /** An Authorization header value (null: none); {@code malformed}: endpoints that need one answer 4xx. */
    record Auth(String value, boolean malformed) {
    }

    /** An API call; {@code needsAuth}: it answers 4xx to a malformed Authorization. */
    record Call(String method, String path, String form, boolean needsAuth) {
    }

    /** Every endpoint with bad credentials, OTP headers, content types and bodies. */
    private int api(String key, String gem, Enrolled account) throws Exception {
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/api_key", null, false),
                new Call("POST", "/api/v1/api_key", "name=x&push_rubygem=true", true),
                new Call("PUT", "/api/v1/api_key", "api_key=" + key + "&yank_rubygem=true", false),
                new Call("GET", "/api/v1/gems.json", null, true),
                new Call("GET", "/api/v1/gems.yaml", null, false),
                new Call("POST", "/api/v1/gems", null, true),
                new Call("DELETE", "/api/v1/gems/yank", "gem_name=" + gem + "&version=%FF%FE", false),
                new Call("POST", "/api/v1/gems/" + gem + "/owners", "email=%C3%28", false),
                new Call("DELETE", "/api/v1/gems/" + gem + "/owners", "email=", false),
                new Call("GET", "/api/v1/gems/" + gem + "/owners.yaml", null, false),
                new Call("GET", "/api/v1/gems/%2e%2e%2f%2e%2e/owners.json", null, false),
                new Call("POST", "/api/v1/webauthn_verification", null, false),
                new Call("GET", "/api/v1/webauthn_verification/" + "B".repeat(43) + "/status.json", null, true),
                new Call("GET", "/api/v1/health", null, false),
                new Call("GET", "/api/v1/nothing/here", null, false));
        Base64.Encoder b64 = Base64.getEncoder();
        List<Auth> authorizations = List.of(
                new Auth(null, true),
                new Auth("", true),
                new Auth("Basic", true),
                new Auth("Basic !!!notbase64", true),
                new Auth("Basic !!!", true),
                new Auth("Basic " + b64.encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)), true),
                new Auth("Basic " + b64.encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), true),
                new Auth("Bearer x", true),
                new Auth("x".repeat(10_000), true),
                new Auth("Basic " + "A".repeat(8000), true),
                new Auth("gemhost_\u00e9\u00e9", true),
                new Auth("Basic " + b64.encodeToString("\u00ff\u00fe:\u0000".getBytes(StandardCharsets.ISO_8859_1)), true),
                new Auth("Basic " + b64.encodeToString("ü@x:密".getBytes(StandardCharsets.UTF_8)), false),
                new Auth("Bearer " + key, false),
                new Auth(key + "x", false),
                new Auth("gemhost_" + "z".repeat(48), false),
                new Auth(Api.basic(account.user().email(), account.user().password()), false),
                new Auth(key, false));
        List<String> otps = List.of("", "abc", "1".repeat(10_000), "12345 6", "ü", "-1", "0000000000");
        List<String> types = List.of("text/plain", "multipart/form-data; boundary=", "application/x-www-form-urlencoded; charset=bogus",
                "application/json", "%%%");
        int malformed = 0;
        for (Call call : calls) {
            byte[] body = call.form() == null ? (call.path().equals("/api/v1/gems") ? "not a gem".getBytes(StandardCharsets.UTF_8) : null)
                    : call.form().getBytes(StandardCharsets.UTF_8);
            String type = call.form() == null ? "application/octet-stream" : "application/x-www-form-urlencoded";
            for (Auth auth : authorizations) {
                Map<String, String> h = new LinkedHashMap<>(Map.of("Content-Type", type));
                if (auth.value() != null) {
                    h.put("Authorization", auth.value());
                }
                HttpResponse<String> r;
                try {
                    r = Api.send(call.method(), call.path(), h, body);
                } catch (IllegalArgumentException clientRefusesHeader) {
                    continue; // java.net.http refuses some header values outright; nothing was sent
                }
                String what = call.method() + " " + call.path() + " Authorization=" + (auth.value() == null ? "(none)" : clip(auth.value()));
                check(what, r.statusCode(), r.body());
                if (auth.malformed() && call.needsAuth()) {
                    expect(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " for " + what);
                    malformed++;
                }
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
        return malformed;
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

    @Test
    void malformedOtpHeadersLyingLengthsAndUnknownMethodsGetA4xx() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        String password = Api.basic(e.user().email(), e.user().password());
        Browser b = new Browser();
        Mfa.otp(b, Mfa.password(b, e.user()), e.recoveryCodes().get(0));
        b.submit(b.get("/profile/edit"), "Update", Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(1)));
        int n = 0;
        for (String otp : new String[] {"x".repeat(10_000), "１２３４５６", "١٢٣٤٥٦", "12345", "1234567", "+12345", "' OR 1=1", "\u00e9\u00e9"}) {
            byte[] body = "name=k&push_rubygem=true".getBytes(StandardCharsets.UTF_8);
            int status = Api.raw("POST /api/v1/api_key HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + password
                    + "\r\nOTP: " + otp + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n", body);
            boolean ascii = otp.chars().allMatch(c -> c < 0x80);
            // non-ASCII bytes in a header are refused by the HTTP layer itself (400) before gemhost sees them
            assertTrue(status == 401 || status == 429 || (!ascii && status == 400), otp + ": " + status);
            n++;
        }
        int lying = Api.raw("POST /api/v1/gems HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: x\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n",
                "short".getBytes(StandardCharsets.UTF_8));
        assertTrue(lying >= 400 && lying < 500, "Content-Length larger than the body: " + lying);
        int unknownMethod = Api.raw("BREW /api/v1/gems HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null);
        assertTrue(unknownMethod >= 400 && unknownMethod < 500 || unknownMethod == 501, "unknown method: " + unknownMethod);
        System.out.println("BadInputIT: " + n + " malformed OTP headers answered 401, 429 or 400");
    }

    /**
     * A security key's nickname reaches pages, the security log and the holder's mail: control
     * and format characters (a line break that would start a mail header, a bidi override that
     * reverses the text around it, NEL, a zero-width space) bring the form back with the nickname
     * message before any key is looked at; other letters and symbols are a name like any other.
     */
    @Test
    void securityKeyNicknamesWithControlOrFormatCharactersAreRefusedOnTheForm() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        for (String nickname : List.of("Blue\r\nBcc: x@evil.example", "Blue\nkey", "key\u202Eyeb", "Blue\u0085key", "Blue\u200Bkey",
                "\u2066Blue\u2069", "Blue\u2028key", "Blue\u0000")) {
            Page page = browser.submit(browser.get("/profile/security_devices"), "Register device",
                    Map.of("Nickname", nickname, "newDevice:response", "{}"));
            assertEquals(200, page.status(), page.body());
            assertEquals("/profile/security_devices", page.path());
            assertTrue(page.text().contains("Give the device a nickname"), "nickname " + clip(nickname) + " not refused: " + page.text());
        }
        Page plain = browser.submit(browser.get("/profile/security_devices"), "Register device", Map.of("Nickname", "Clé bleue 🔑 (work)", "newDevice:response", "{}"));
        assertFalse(plain.text().contains("Give the device a nickname"), "an ordinary name is a name: " + plain.text());
        assertTrue(plain.text().contains("The security device was not accepted"), plain.text());
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement(
                "SELECT COUNT(*) FROM security_key WHERE account_id = (SELECT id FROM account WHERE email = ?)")) {
            s.setString(1, user.email());
            ResultSet r = s.executeQuery();
            r.next();
            assertEquals(0, r.getInt(1));
        }
    }

    @Test
    void theApisAccessDeniedTextNamesTheConfiguredAddressNeverTheHostHeader() throws Exception {
        for (String auth : new String[] {"", "Authorization: gemhost_" + "0".repeat(48) + "\r\n"}) {
            String response = exchange("GET /api/v1/gems.json HTTP/1.1\r\nHost: evil.example\r\n" + auth + "Connection: close\r\n\r\n", new byte[0]);
            assertEquals(401, status(response), response);
            assertFalse(response.contains("evil.example"), "the Host header is echoed: " + response);
            assertTrue(response.endsWith("\r\n\r\nAccess Denied. Please sign up for an account at " + Gemhost.url()), response);
        }
    }

    @Test
    void brokenGemsAreRefusedWithAReasonAndLeaveNothing() throws Exception {
        Users.User user = Users.signUp(new Browser());
        String key = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES).body();
        byte[] good = TestGems.gem("badinput", "1.0.0", "ruby", false);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("truncated", Arrays.copyOf(good, good.length / 2 + 100));
        bad.put("empty", new byte[0]);
        bad.put("random", "this is not a gem at all".repeat(40).getBytes(StandardCharsets.UTF_8));
        bad.put("no metadata.gz", new TestGems.Tar().file("data.tar.gz", TestGems.gzip("x")).bytes());
        bad.put("gzip bomb", TestGems.gemWithMetadata(TestGems.gzipZeros(200 << 20)));
        bad.put("other ruby tag", TestGems.gem(TestGems.spec("badinput", "1.0.0", "ruby", "metadata: {}\n")
                .replace("--- !ruby/object:Gem::Specification", "--- !ruby/object:Gem::Installer")));
        StringBuilder bomb = new StringBuilder("--- !ruby/object:Gem::Specification\nname: badinput\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        bad.put("alias bomb", TestGems.gem(bomb.toString()));
        bad.put("too large", new byte[(1 << 20) + 1000]);
        int refused = 0;
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            HttpResponse<String> r = Api.send("POST", "/api/v1/gems", Map.of("Authorization", key, "Content-Type", "application/octet-stream"), e.getValue());
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, e.getKey() + ": " + r.statusCode() + " " + r.body());
            assertTrue(r.body().startsWith("Invalid gem: ") || r.body().equals("Gem is larger than 1 MB."), e.getKey() + ": " + r.body());
            assertFalse(r.body().contains("Exception"), r.body());
            refused++;
        }
        assertEquals(413, Api.send("POST", "/api/v1/gems", Map.of("Authorization", key), new byte[(1 << 20) + 1]).statusCode());
        System.out.println("BadInputIT: " + refused + " broken gems refused");

        Path gems = Gemhost.server().dataDir.resolve("gems");
        if (Files.exists(gems)) {
            try (Stream<Path> files = Files.list(gems)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("badinput")), "no file left behind");
            }
        }
        try (Connection db = Gemhost.server().db(); var s = db.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM rubygem WHERE name_key = 'badinput'");
            rs.next();
            assertEquals(0, rs.getInt(1), "no row left behind");
        }
        HttpResponse<String> ok = Api.send("POST", "/api/v1/gems", Map.of("Authorization", key, "Content-Type", "application/octet-stream"), good);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(Api.warned("Successfully registered gem: badinput (1.0.0)", io.gemhost.account.MfaLevel.DISABLED), ok.body());
        assertTrue(Files.exists(gems.resolve("badinput-1.0.0.gem")));
        HttpResponse<String> again = Api.send("POST", "/api/v1/gems", Map.of("Authorization", key, "Content-Type", "application/octet-stream"), good);
        assertEquals(409, again.statusCode());
        assertEquals("Repushing of gem versions is not allowed.", again.body());
        Users.User stranger = Users.signUp(new Browser());
        String strangerKey = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(stranger.email(), stranger.password()), null), Api.ALL_SCOPES).body();
        HttpResponse<String> notOwner = Api.send("POST", "/api/v1/gems", Map.of("Authorization", strangerKey, "Content-Type", "application/octet-stream"),
                TestGems.gem("badinput", "2.0.0", "ruby", false));
        assertEquals(403, notOwner.statusCode());
        assertEquals("You do not have permission to push to this gem.", notOwner.body());
        HttpResponse<String> notOwnerAdd = Api.form("POST", "/api/v1/gems/badinput/owners", Api.headers(strangerKey, null), Map.of("email", stranger.email()));
        assertEquals(403, notOwnerAdd.statusCode());
        assertEquals("You do not have permission to manage owners of this gem.", notOwnerAdd.body());
        HttpResponse<String> last = Api.form("DELETE", "/api/v1/gems/badinput/owners", Api.headers(key, null), Map.of("email", user.email()));
        assertEquals(403, last.statusCode(), "the last owner stays");
        HttpResponse<String> unknownVersion = Api.form("DELETE", "/api/v1/gems/yank", Api.headers(key, null), Map.of("gem_name", "badinput", "version", "7.7.7"));
        assertEquals(404, unknownVersion.statusCode());
        assertEquals("This rubygem could not be found.", unknownVersion.body());
        HttpResponse<String> yank = Api.form("DELETE", "/api/v1/gems/yank", Api.headers(key, null), Map.of("gem_name", "badinput", "version", "1.0.0"));
        assertEquals(Api.warned("Successfully deleted gem: badinput (1.0.0)", io.gemhost.account.MfaLevel.DISABLED), yank.body());
        assertFalse(Files.exists(gems.resolve("badinput-1.0.0.gem")), "a yanked file is gone");
    }

    /**
     * A key's terms (expires_at, rubygem_name) with every bad value, as form fields of the API and
     * of /profile/api_keys: a 422 naming the field (blank is no term), or the form again with a
     * message; never a 5xx, never a key.
     */
    @Test
    void badKeyTermsAreRefusedNamingTheField() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        String auth = Api.basic(user.email(), user.password());
        List<String> values = new ArrayList<>(VALUES.stream().map(Bad::value).toList());
        values.addAll(List.of("2020-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2030-02-30T00:00:00Z",
                "2030-01-01T00:00:00+99:00", "1e308", "true", "[]", "{\"a\":1}", "2030-01-01T00:00:00Z".repeat(500)));
        int refused = 0;
        for (String field : List.of("expires_at", "rubygem_name")) {
            for (String value : values) {
                HttpResponse<String> r = Api.form("POST", "/api/v1/api_key", Api.headers(auth, null),
                        Map.of("name", "terms", "push_rubygem", "true", field, value));
                String what = "POST /api/v1/api_key " + field + "=" + clip(value);
                check(what, r.statusCode(), r.body());
                if (value.isBlank()) {
                    expect(r.statusCode() == 200 || r.statusCode() == 422, r.statusCode() + " for " + what);
                } else {
                    expect(r.statusCode() == 422, r.statusCode() + " for " + what + ": " + r.body());
                    expect(r.body().startsWith(field.equals("expires_at") ? "Expires at " : "Rubygem "), "the field is not named for " + what + ": " + r.body());
                    refused++;
                }
            }
        }
        // wrong types: a list of values, a JSON body
        HttpResponse<String> twice = Api.send("POST", "/api/v1/api_key", Map.of("Authorization", auth, "Content-Type", "application/x-www-form-urlencoded"),
                "name=t&push_rubygem=true&expires_at=2030-01-01T00:00:00Z&expires_at=x&rubygem_name[]=a".getBytes(StandardCharsets.UTF_8));
        check("POST /api/v1/api_key repeated terms", twice.statusCode(), twice.body());
        HttpResponse<String> json = Api.send("POST", "/api/v1/api_key", Map.of("Authorization", auth, "Content-Type", "application/json"),
                "{\"name\":\"t\",\"push_rubygem\":true,\"expires_at\":[1,2]}".getBytes(StandardCharsets.UTF_8));
        check("POST /api/v1/api_key JSON", json.statusCode(), json.body());
        expect(json.statusCode() < 500, json.statusCode() + " for JSON");

        for (String label : List.of("Name", "Expiration")) {
            for (String value : values) {
                Map<String, String> form = new LinkedHashMap<>(Map.of("Name", "terms", "push_rubygem", "on", "Expiration", ""));
                form.put(label, value);
                Page page = browser.submit(browser.get("/profile/api_keys"), "Create API key", form);
                String what = "/profile/api_keys " + label + "=" + clip(value);
                check(what, page.status(), page.body());
                boolean acceptable = label.equals("Name") ? value.length() <= 100 && value.chars().allMatch(c -> c >= 0x20 && c != 0x7f)
                        : value.isBlank();
                if (!acceptable) {
                    refused += refusedWithAMessage(page, "/profile/api_keys", what);
                    expect(page.doc().getElementById("new-api-key") == null, "a key was made for " + what);
                }
            }
        }
        System.out.println("BadInputIT: " + refused + " bad key terms refused naming the field");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static int status(String response) {
        if (response.length() < 12 || !response.startsWith("HTTP/1.")) {
            return 0; // the server closed the connection without an answer: no 5xx
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String exchange(String head, byte[] body) throws Exception {
        return Api.exchange(null, head, body);
    }

    /**
     * The token exchange (no credentials needed, so anyone can send it anything): malformed JSON,
     * wrong types, huge tokens and bodies, other content types. Each gets a 4xx with a JSON
     * {"error"} and no internals; a body over the limit is not read.
     */
    @Test
    void theTokenExchangeAnswersMalformedInputWithA4xxInJson() throws Exception {
        String path = "/api/v1/oidc/trusted_publisher/exchange_token";
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8));
        List<String> jsonBodies = List.of("", "{", "}", "[]", "null", "1", "\"jwt\"", "{\"jwt\":1}", "{\"jwt\":null}", "{\"jwt\":true}",
                "{\"jwt\":[\"a.b.c\"]}", "{\"jwt\":{\"a\":1}}", "{\"jwt\":\"\"}", "{\"jwt\":\"a.b.c\"}", "{\"jwt\":\"" + header + ".!!!.x\"}",
                "{\"jwt\":\"" + header + "." + header + ".\"}", "{\"jwt\":\"\\u0000\"}", "{\"jwt\":\"ünïcødé✓\"}",
                "{\"jwt\":\"" + "A".repeat(20_000) + "\"}", "{\"jwt\":\"" + "A".repeat(600_000) + "\"}", "{\"other\":\"x\"}",
                "{\"jwt\":\"a\",\"jwt\":\"b\"}", "[".repeat(50_000), "{\"jwt\":" + "[".repeat(20_000) + "}", "\u0000\u0001");
        int answered = 0;
        for (String body : jsonBodies) {
            for (String type : List.of("application/json", "application/json; charset=utf-8")) {
                Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", type, "Accept", "application/json"));
                HttpResponse<String> r = Api.send("POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
                String what = "exchange " + type + " " + clip(body);
                check(what, r.statusCode(), r.body());
                expect(r.statusCode() == 400 || r.statusCode() == 404 || r.statusCode() == 413, what + ": " + r.statusCode());
                expect(r.body().startsWith("{\"error\":"), what + " answers JSON {error}: " + clip(r.body()));
                expect(body.length() < 100 || !r.body().contains(body.substring(0, 100)), what + " echoes the body");
                answered++;
            }
        }
        for (String form : List.of("", "jwt=", "jwt=a.b.c", "jwt=%00", "jwt=" + "A".repeat(20_000), "jwt=a&jwt=b", "x=y", "jwt=%E0%A4%A")) {
            HttpResponse<String> r = Api.send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8));
            check("exchange form " + clip(form), r.statusCode(), r.body());
            expect(r.statusCode() == 400 || r.statusCode() == 404, "exchange form " + clip(form) + ": " + r.statusCode());
            answered++;
        }
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/octet-stream")) {
            HttpResponse<String> r = Api.send("POST", path, Map.of("Content-Type", type), "{\"jwt\":\"a.b.c\"}".getBytes(StandardCharsets.UTF_8));
            check("exchange as " + type, r.statusCode(), r.body());
            expect(r.statusCode() >= 400 && r.statusCode() < 500, "exchange as " + type + ": " + r.statusCode());
            answered++;
        }
        HttpResponse<String> noType = Api.send("POST", path, Map.of(), "{\"jwt\":\"a.b.c\"}".getBytes(StandardCharsets.UTF_8));
        check("exchange without a content type", noType.statusCode(), noType.body());
        // the publishers API without credentials or with a malformed id
        for (String p : List.of("/api/v1/gems/x/trusted_publishers", "/api/v1/gems/x/trusted_publishers/1", "/api/v1/gems/x/trusted_publishers/99999999999999999999999")) {
            HttpResponse<String> r = Api.form("GET", p, Map.of(), Map.of("trusted_publisher_type", "x"));
            check("publishers " + p, r.statusCode(), r.body());
            expect(r.statusCode() == 401 || r.statusCode() == 404 || r.statusCode() == 405, p + ": " + r.statusCode());
        }
        assertTrue(answered > 50, "only " + answered);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
