package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Users.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Gemhost.class)
class AccountsIT {

    @Test
    void signUpSignsInAndEveryPageShowsTheHandleAndSignOut() throws Exception {
        Browser browser = new Browser();
        User user = Users.signUp(browser);
        Page profile = browser.get("/profile/edit");
        assertTrue(profile.text().contains(user.handle()));
        assertTrue(profile.text().contains("Multifactor authentication"));
        assertTrue(profile.doc().select("a:containsOwn(Register a new device)").attr("href").endsWith("/totp/new"));
        Page home = browser.get("/");
        assertTrue(home.text().contains(user.handle()));
        assertEquals("post", home.doc().select("input[value=Sign out]").first().closest("form").attr("method"));

        Page out = Users.signOut(browser);
        assertEquals("/", out.path());
        assertFalse(out.text().contains(user.handle()));
        assertEquals("/sign_in", browser.get("/profile/edit").path());
    }

    @Test
    void wrongPasswordAndUnknownEmailReadTheSame() throws Exception {
        Browser browser = new Browser();
        User user = Users.signUp(browser);
        Users.signOut(browser);
        Page wrongPassword = Users.signIn(new Browser(), user.email(), "not the password at all");
        Page unknownEmail = Users.signIn(new Browser(), "nobody-" + user.email(), "not the password at all");
        assertEquals(wrongPassword.status(), unknownEmail.status());
        assertEquals(200, wrongPassword.status());
        assertTrue(wrongPassword.text().contains("Invalid email or password."), wrongPassword.text());
        assertEquals(wrongPassword.doc().select("#messages").text(), unknownEmail.doc().select("#messages").text());
        assertEquals("/sign_in", wrongPassword.path());
    }

    @Test
    void signInWithTheRightPasswordWorksAndChangesTheSessionId() throws Exception {
        User user = Users.signUp(new Browser());
        Browser browser = new Browser();
        browser.get("/sign_in");
        String before = browser.sessionId().orElseThrow();
        Page page = Users.signIn(browser, user.email().toUpperCase(), user.password());
        assertEquals("/profile/edit", page.path(), page.text());
        assertNotEquals(before, browser.sessionId().orElseThrow());
    }

    @Test
    void duplicateEmailInAnotherCaseIsRefused() throws Exception {
        User first = Users.signUp(new Browser());
        Browser browser = new Browser();
        Page page = browser.submit(browser.get("/sign_up"), "Sign up", Map.of(
                "Email", first.email().toUpperCase(), "Handle", Users.fresh().handle(), "Password", "another password 1"));
        assertEquals("/sign_up", page.path());
        assertTrue(page.text().contains("An account with this email already exists."), page.text());

        Page handle = browser.submit(browser.get("/sign_up"), "Sign up", Map.of(
                "Email", Users.fresh().email(), "Handle", first.handle().toUpperCase(), "Password", "another password 1"));
        assertTrue(handle.text().contains("This handle is taken."), handle.text());
    }

    @Test
    void tenFailuresPauseSignInEvenWithTheRightPassword() throws Exception {
        User user = Users.signUp(new Browser());
        for (int i = 0; i < 9; i++) {
            assertTrue(Users.signIn(new Browser(), user.email(), "wrong password " + i).text().contains("Invalid email or password."));
        }
        Page tenth = Users.signIn(new Browser(), "  " + user.email().toUpperCase() + " ", "wrong password 10");
        assertTrue(tenth.text().contains("Too many failed attempts. Wait 1 minute(s)"), tenth.text());
        Page right = Users.signIn(new Browser(), user.email(), user.password());
        assertEquals("/sign_in", right.path());
        assertTrue(right.text().contains("Too many failed attempts"), right.text());
    }

    @Test
    void anEmailWithoutAccountIsPausedTheSameWay() throws Exception {
        String email = "ghost-" + Users.fresh().email();
        Page last = null;
        for (int i = 0; i < 10; i++) {
            last = Users.signIn(new Browser(), email, "whatever password");
        }
        assertTrue(last.text().contains("Too many failed attempts. Wait 1 minute(s)"), last.text());
        assertTrue(Users.signIn(new Browser(), email, "whatever password").text().contains("Too many failed attempts"));
    }

    @Test
    void changePasswordNeedsTheCurrentOneAndTheNewOneSignsIn() throws Exception {
        Browser browser = new Browser();
        User user = Users.signUp(browser);
        Page wrong = browser.submit(browser.get("/profile/password"), "Change password",
                Map.of("Current password", "not my password", "New password", "a brand new password"));
        assertTrue(wrong.text().contains("The current password is not correct."), wrong.text());
        Page shortOne = browser.submit(browser.get("/profile/password"), "Change password",
                Map.of("Current password", user.password(), "New password", "short"));
        assertTrue(shortOne.text().contains("at least 10 characters"), shortOne.text());
        Page ok = browser.submit(browser.get("/profile/password"), "Change password",
                Map.of("Current password", user.password(), "New password", "a brand new password"));
        assertTrue(ok.text().contains("Your password has been changed."), ok.text());
        Users.signOut(browser);
        assertEquals("/sign_in", Users.signIn(new Browser(), user.email(), user.password()).path());
        assertEquals("/profile/edit", Users.signIn(new Browser(), user.email(), "a brand new password").path());
    }

    @Test
    void withMfaOnAPasswordChangeAlsoTakesTheCurrentSecondFactor() throws Exception {
        Browser browser = new Browser();
        Mfa.Enrolled e = Mfa.enroll(browser);
        Page profile = browser.get("/profile/edit");
        assertEquals(1, profile.doc().select("label:containsOwn(OTP code)").size(), "one OTP code field on /profile/edit");
        assertEquals(1, profile.doc().select("a[href$=/profile/password]").size(), profile.text());
        Page form = browser.get("/profile/password");
        assertEquals(200, form.status());
        Page noCode = browser.submit(form, "Change password",
                Map.of("Current password", e.user().password(), "New password", "a stolen cookie's password"));
        assertFalse(noCode.text().contains("Your password has been changed."), noCode.text());
        Page wrongCode = browser.submit(noCode, "Change password",
                Map.of("Current password", e.user().password(), "New password", "a stolen cookie's password", "OTP code", e.app().wrong()));
        assertTrue(wrongCode.text().contains("Your OTP code is incorrect"), wrongCode.text());
        Page ok = browser.submit(wrongCode, "Change password",
                Map.of("Current password", e.user().password(), "New password", "a brand new password", "OTP code", e.app().next()));
        assertTrue(ok.text().contains("Your password has been changed."), ok.text());
        Browser other = new Browser();
        assertEquals("/sign_in/otp", Users.signIn(other, e.user().email(), "a brand new password").path());
        assertEquals("/sign_in", Users.signIn(new Browser(), e.user().email(), e.user().password()).path());
    }

    @Test
    void aFormPostedWithoutAValidViewStateChangesNothing() throws Exception {
        Browser browser = new Browser();
        User user = Users.signUp(browser);
        Page profile = browser.get("/profile/password");
        var form = profile.doc().select("input[value=Change password]").first().closest("form");
        String action = form.absUrl("action");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("form", "form");
        fields.put("form:current", user.password());
        fields.put("form:new", "stolen password 123");
        fields.put("form:submit", "Change password");
        Page noState = browser.post(action, fields);
        assertTrue(noState.status() < 500, "status " + noState.status());
        fields.put("jakarta.faces.ViewState", "-1234567890:987654321");
        Page forged = browser.post(action, fields);
        assertTrue(forged.status() < 500, "status " + forged.status());
        assertFalse(forged.text().contains("Your password has been changed."));
        Users.signOut(browser);
        assertEquals("/sign_in", Users.signIn(new Browser(), user.email(), "stolen password 123").path());
        assertEquals("/profile/edit", Users.signIn(new Browser(), user.email(), user.password()).path());
    }

    /** docs/SECURITY.md, "Forms": a form's token is its browser's; another browser's is refused. */
    @Test
    void aFormPostedWithAnotherBrowsersTokenIsRefused() throws Exception {
        Browser browser = new Browser();
        User user = Users.signUp(browser);
        Browser other = new Browser();
        String othersToken = other.get("/sign_in").doc().selectFirst("input[name=gemhost_form]").val();
        var form = browser.get("/profile/password").doc().select("input[value=Change password]").first().closest("form");
        String ownToken = form.selectFirst("input[name=gemhost_form]").val();
        assertNotEquals(ownToken, othersToken);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (var input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.put("form:current", user.password());
        fields.put("form:new", "stolen password 123");
        fields.put("form:submit", "Change password");
        fields.put("gemhost_form", othersToken);
        Page forged = browser.post(form.absUrl("action"), fields);
        assertEquals(403, forged.status(), forged.text());
        assertTrue(forged.text().contains("Form refused") && forged.text().contains("Nothing was changed"), forged.text());
        fields.remove("gemhost_form");
        assertEquals(403, browser.post(form.absUrl("action"), fields).status(), "no token at all");
        assertEquals("/sign_in", Users.signIn(new Browser(), user.email(), "stolen password 123").path());
        assertEquals("/profile/edit", Users.signIn(new Browser(), user.email(), user.password()).path());
    }

    @Test
    void aProtectedPageSendsToSignInAndBackButNeverOffSite() throws Exception {
        User user = Users.signUp(new Browser());
        Browser browser = new Browser();
        Page redirected = browser.get("/profile/edit?tab=mfa");
        assertEquals("/sign_in", redirected.path());
        Page back = browser.submit(redirected, "Sign in", Map.of("Email", user.email(), "Password", user.password()));
        assertTrue(back.url().endsWith("/profile/edit?tab=mfa"), back.url());

        for (String evil : new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example", "http:evil.example", "/%0d%0aSet-Cookie:x=y"}) {
            Browser b = new Browser();
            Page signIn = b.get("/sign_in?return=" + java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8));
            Page landed = b.submit(signIn, "Sign in", Map.of("Email", user.email(), "Password", user.password()));
            assertTrue(landed.url().startsWith(Gemhost.url() + "/"), evil + " -> " + landed.url());
            assertFalse(landed.url().contains("evil.example"), evil + " -> " + landed.url());
        }
    }

    @Test
    void aLongUnicodePasswordIsAccepted() throws Exception {
        Browser browser = new Browser();
        User user = Users.fresh();
        Page page = browser.submit(browser.get("/sign_up"), "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", "ünïcødé✓ 密码 🙂 phrase"));
        assertEquals("/profile/edit", page.path(), page.text());
        Users.signOut(browser);
        assertEquals("/profile/edit", Users.signIn(new Browser(), user.email(), "ünïcødé✓ 密码 🙂 phrase").path());
    }

    @Test
    void unknownPagesGetAPlainNotFoundPage() throws Exception {
        Page page = new Browser().get("/no/such/page");
        assertEquals(404, page.status());
        assertTrue(page.text().contains("Page not found"), page.text());
        for (String server : List.of("Payara", "GlassFish", "WildFly", "Undertow", "JBoss")) {
            assertFalse(page.body().contains(server), server);
        }
    }

    @Test
    void responsesCarryTheSecurityHeadersAndCookieFlags() throws Exception {
        Page page = new Browser().get("/sign_in");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(page.headers().firstValue("Referrer-Policy").isPresent());
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Browser.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(Browser.hasAttribute(cookie, "HttpOnly"), cookie);
        assertTrue(Browser.hasAttribute(cookie, "SameSite=Lax"), cookie);
        assertFalse(Browser.hasAttribute(cookie, "Secure"), "over plain HTTP without a trusted proxy the cookie cannot be Secure: " + cookie);
        assertTrue(Browser.hasAttribute(cookie, "Path=/"), cookie);
        assertTrue(page.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("JSESSIONID")),
                "no container session: " + page.headers().allValues("Set-Cookie"));
    }
}
