package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ways past the second factor, each performed as an attacker would: the operator page under
 * another spelling and with a password alone, an operator address claimed without its mailbox,
 * an authenticator replaced from a stolen session, colliding gem file names, and a forged form
 * whose redirect leaves the site.
 */
@ExtendWith(Gemhost.class)
class BypassIT {

    /** Listed in GEMHOST_ADMIN_EMAILS of the test server (Gemhost.TEST_ENV). */
    static final String SECOND_OPERATOR = "second-operator@gemhost.test";
    static final String UNCLAIMED_OPERATOR = "unclaimed-operator@gemhost.test";

    @Test
    void theOperatorPageIsA404ForStrangersUnderEverySpelling() throws Exception {
        for (String path : new String[] {"/admin", "/admin.xhtml", "/admin/", "/admin;x=1"}) {
            Page page = new Browser().get(path);
            assertEquals(404, page.status(), path + " -> " + page.url() + "\n" + page.text());
            assertFalse(page.body().contains("Reset MFA"), path);
        }
    }

    @Test
    void anOperatorsPasswordAloneReachesNoOperatorAction() throws Exception {
        Enrolled victim = Mfa.enroll(new Browser());
        Browser setup = new Browser();
        Enrolled operator = enrollWithEmail(setup, SECOND_OPERATOR, "second operator password");
        assertEquals(200, setup.get("/admin").status(), "a confirmed operator with MFA on, both factors given");

        Browser halfway = new Browser();
        Mfa.password(halfway, operator.user());
        for (String path : new String[] {"/admin", "/admin.xhtml", "/admin/"}) {
            Page page = halfway.get(path + "?q=" + victim.user().email());
            assertFalse(page.body().contains("Reset MFA"), path + " shows the operator's forms to a password alone:\n" + page.text());
            assertTrue(page.status() == 404 || page.path().equals("/sign_in/otp"), path + " -> " + page.status() + " " + page.url());
        }
        Page profile = halfway.get("/profile/edit.xhtml");
        assertNotEquals("/profile/edit.xhtml", profile.path(), "a password alone reached the profile page under its .xhtml name");
        Browser victimBrowser = new Browser();
        assertEquals("/sign_in/otp", Users.signIn(victimBrowser, victim.user().email(), victim.user().password()).path(),
                "the victim's MFA is still on");
    }

    @Test
    void anOperatorAddressThatNobodyConfirmedIsNobody() throws Exception {
        Browser squatter = new Browser();
        Page signedUp = squatter.submit(squatter.get("/sign_up"), "Sign up",
                Map.of("Email", UNCLAIMED_OPERATOR, "Handle", "squatter" + Long.toString(System.nanoTime(), 36), "Password", "squatter password 1"));
        assertEquals("/profile/edit", signedUp.path(), signedUp.text());
        Page totp = squatter.get("/totp/new");
        Authenticator app = Mfa.readKey(totp);
        assertEquals("/multifactor_auth/recovery", squatter.submit(totp, "Enable", Map.of("OTP code", app.next())).path());
        Page admin = squatter.get("/admin");
        assertEquals(404, admin.status(), "an unconfirmed operator address with MFA on got the operator page:\n" + admin.text());
    }

    @Test
    void replacingTheAuthenticatorTakesACodeOfTheCurrentOne() throws Exception {
        Browser thief = new Browser();
        Enrolled owner = Mfa.enroll(thief);
        Page page = thief.get("/totp/new");
        Authenticator thiefsApp = Mfa.readKey(page);
        Page refused = thief.submit(page, "Enable", Map.of("OTP code", thiefsApp.next()));
        assertFalse(refused.text().contains("Your new authenticator is registered"),
                "a session alone replaced the authenticator:\n" + refused.text());
        assertEquals("/totp/new", refused.path(), refused.text());

        Browser ownerBrowser = new Browser();
        assertEquals("/profile/edit", Mfa.otp(ownerBrowser, Mfa.password(ownerBrowser, owner.user()), owner.app().next()).path(),
                "the owner's authenticator still works");

        Page again = thief.get("/totp/new");
        Authenticator newApp = Mfa.readKey(again);
        Page wrongCurrent = thief.submit(again, "Enable", Map.of(CURRENT, owner.app().wrong(), "OTP code", newApp.next()));
        assertFalse(wrongCurrent.text().contains("Your new authenticator is registered"), wrongCurrent.text());
        assertTrue(wrongCurrent.text().contains("Your OTP code is incorrect"), wrongCurrent.text());

        Page form = thief.get("/totp/new");
        Page replaced = thief.submit(form, "Enable", Map.of(CURRENT, owner.recoveryCodes().get(0), "OTP code", Mfa.readKey(form).next()));
        assertEquals("/profile/edit", replaced.path(), replaced.text());
        assertTrue(replaced.text().contains("Your new authenticator is registered"), replaced.text());
    }

    static final String CURRENT = "Current OTP code or recovery code";

    @Test
    void twoGemsWhoseFileNamesCollideGiveA409NotA500() throws Exception {
        Users.User user = Users.signUp(new Browser());
        String key = AccountLifecycleIT.key(user);
        String name = "coll" + Long.toString(System.nanoTime(), 36);
        Map<String, String> headers = new LinkedHashMap<>(Api.headers(key, null));
        headers.put("Content-Type", "application/octet-stream");
        HttpResponse<String> platformGem = Api.send("POST", "/api/v1/gems", headers, TestGems.gem(name, "1", "2", false));
        assertEquals(200, platformGem.statusCode(), platformGem.body());
        HttpResponse<String> collides = Api.send("POST", "/api/v1/gems", headers, TestGems.gem(name + "-1", "2", "ruby", false));
        assertEquals(409, collides.statusCode(), collides.body());
        assertEquals("Repushing of gem versions is not allowed.", collides.body());
        assertEquals(404, Api.send("GET", "/api/v1/gems/" + name + "-1/owners.json", Map.of(), null).statusCode(),
                "the refused push left no gem behind");
    }

    @Test
    void aForgedFormNeverRedirectsOffTheSite() throws Exception {
        URI base = URI.create(Gemhost.url());
        String form = "form=form&jakarta.faces.ViewState=forged";
        for (String target : new String[] {"//evil.example/sign_in.xhtml", "//evil.example/sign_in"}) {
            String head = "POST " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                    + "\r\nConnection: close\r\n\r\n";
            String response = rawResponse(base, head, form.getBytes(StandardCharsets.US_ASCII));
            String location = response.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst().orElse("");
            assertFalse(location.contains("evil.example"), target + " redirected off the site: " + location);
            assertFalse(response.startsWith("HTTP/1.1 5"), response);
        }
    }

    static String rawResponse(URI base, String head, byte[] body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Signs up with this address, confirms it from the mailbox, and enrolls an authenticator. */
    static Enrolled enrollWithEmail(Browser browser, String email, String password) throws Exception {
        Users.User user = new Users.User(email, "op" + Long.toString(System.nanoTime(), 36), password);
        Page page = browser.submit(browser.get("/sign_up"), "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", user.password()));
        assertEquals("/profile/edit", page.path(), page.text());
        Users.followMailedLink(browser, email, AccountLifecycleIT.CONFIRM, "Confirm email address", Map.of());
        Page totp = browser.get("/totp/new");
        Authenticator app = Mfa.readKey(totp);
        Page recovery = browser.submit(totp, "Enable", Map.of("OTP code", app.next()));
        assertEquals("/multifactor_auth/recovery", recovery.path(), recovery.text());
        return new Enrolled(user, app, Mfa.readCodes(recovery));
    }
}
