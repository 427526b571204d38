package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Email confirmation, password reset that never bypasses the second factor, sessions
 * that end elsewhere, email change and account deletion.
 */
@ExtendWith(Gemhost.class)
class AccountLifecycleIT {

    static final String CONFIRM = "gemhost: Confirm your email address";
    static final String RESET = "gemhost: Reset your password";
    static final String INVALID = "This link is invalid, used or expired";

    static HttpResponse<String> push(String key, String gem) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(Api.headers(key, null));
        headers.put("Content-Type", "application/octet-stream");
        return Api.send("POST", "/api/v1/gems", headers, TestGems.gem(gem, "1.0.0", "ruby", false));
    }

    static String key(Users.User user) throws Exception {
        HttpResponse<String> r = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static void sql(String statement, Object... args) throws Exception {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    @Test
    void anUnconfirmedAccountCannotPushOrBecomeAnOwnerUntilItFollowsTheLinkOnce() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUpUnconfirmed(browser);
        Page profile = browser.get("/profile/edit");
        assertTrue(profile.text().contains("Please confirm your email address: we sent a link to " + user.email()), profile.text());
        String key = key(user);
        String gem = "conf" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> refused = push(key, gem);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().startsWith("Please confirm your email address"), refused.body());

        Users.User owner = Users.signUp(new Browser());
        String ownerKey = key(owner);
        assertEquals(200, push(ownerKey, gem).statusCode());
        HttpResponse<String> notOwner = Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(ownerKey, null), Map.of("email", user.email()));
        assertEquals(403, notOwner.statusCode());
        assertTrue(notOwner.body().contains("has not confirmed their email address"), notOwner.body());

        String link = Users.mailedLink(browser, user.email(), CONFIRM);
        Page confirmed = browser.submit(browser.get(link), "Confirm email address", Map.of());
        assertTrue(confirmed.text().contains("Your email address is confirmed"), confirmed.text());
        assertFalse(browser.get("/profile/edit").text().contains("Please confirm your email address"));
        assertTrue(browser.get(link).text().contains(INVALID), "a used link is dead");
        assertEquals(200, Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(ownerKey, null), Map.of("email", user.email())).statusCode());
    }

    @Test
    void withMfaOnConfirmingTheEmailAsksForTheSecondFactor() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUpUnconfirmed(browser);
        Page totp = browser.get("/totp/new");
        Authenticator app = Mfa.readKey(totp);
        assertEquals("/multifactor_auth/recovery", browser.submit(totp, "Enable", Map.of("OTP code", app.next())).path());

        Page page = browser.get(Users.mailedLink(browser, user.email(), CONFIRM));
        Page wrong = browser.submit(page, "Confirm email address", Map.of("OTP code", app.wrong()));
        assertTrue(wrong.text().contains("Your OTP code is incorrect"), wrong.text());
        Page right = browser.submit(wrong, "Confirm email address", Map.of("OTP code", app.next()));
        assertTrue(right.text().contains("Your email address is confirmed"), right.text());
    }

    @Test
    void aResetLinkWorksOnceEndsOtherSessionsAndClearsThePasswordThrottle() throws Exception {
        Users.User user = Users.signUp(new Browser());
        Browser other = new Browser();
        assertEquals("/profile/edit", Users.signIn(other, user.email(), user.password()).path());
        for (int i = 0; i < 10; i++) {
            Users.signIn(new Browser(), user.email(), "wrong password " + i);
        }
        assertTrue(Users.signIn(new Browser(), user.email(), user.password()).text().contains("Too many failed attempts"));

        Browser browser = new Browser();
        Page asked = browser.submit(browser.get("/password/new"), "Send reset link", Map.of("Email", user.email()));
        String sent = "If an account exists for that address, a link to reset its password is on its way.";
        assertTrue(asked.text().contains(sent), asked.text());
        String link = Users.mailedLink(browser, user.email(), RESET);
        Page done = browser.submit(browser.get(link), "Reset password", Map.of("New password", "a brand new password"));
        assertEquals("/profile/edit", done.path(), done.text());
        assertTrue(done.text().contains("Your password has been reset"), done.text());

        assertEquals("/sign_in", other.get("/profile/edit").path(), "the other session ended");
        assertTrue(browser.get(link).text().contains(INVALID), "a used link is dead");
        assertEquals("/profile/edit", Users.signIn(new Browser(), user.email(), "a brand new password").path(), "throttle cleared");
        assertNotEquals("/profile/edit", Users.signIn(new Browser(), user.email(), user.password()).path());
    }

    @Test
    void anExpiredLinkAndAnUnknownEmailChangeNothing() throws Exception {
        Users.User user = Users.signUp(new Browser());
        Browser browser = new Browser();
        Page known = browser.submit(browser.get("/password/new"), "Send reset link", Map.of("Email", user.email()));
        String link = Users.mailedLink(browser, user.email(), RESET);
        Page again = browser.submit(browser.get("/password/new"), "Send reset link", Map.of("Email", user.email()));
        assertEquals(known.doc().select("main").text(), again.doc().select("main").text());
        Thread.sleep(1000);
        assertEquals(1, Outbox.mailsTo(Gemhost.server(), user.email()).stream().filter(m -> m.contains("Subject: " + RESET)).count(),
                "at most one reset mail a minute");
        sql("UPDATE account_token SET expires_at = 1 WHERE account_id = (SELECT id FROM account WHERE email = ?)", user.email());
        Page expired = browser.get(link);
        assertTrue(expired.text().contains(INVALID), expired.text());
        assertTrue(expired.doc().select("input[type=password]").isEmpty());

        String nobody = Users.fresh().email();
        Browser stranger = new Browser();
        Page unknown = stranger.submit(stranger.get("/password/new"), "Send reset link", Map.of("Email", nobody));
        assertEquals(known.status(), unknown.status());
        assertEquals(known.doc().select("main").text(), unknown.doc().select("main").text());
        Thread.sleep(1000);
        assertEquals(0, Outbox.mailsTo(Gemhost.server(), nobody).size());
    }

    @Test
    void withMfaOnAResetNeedsTheSecondFactorAndAWrongCodeChangesNothing() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        Browser browser = new Browser();
        browser.submit(browser.get("/password/new"), "Send reset link", Map.of("Email", e.user().email()));
        Page form = browser.get(Users.mailedLink(browser, e.user().email(), RESET));
        Page wrong = browser.submit(form, "Reset password", Map.of("New password", "another new password", "OTP code", e.app().wrong()));
        assertTrue(wrong.text().contains("Your OTP code is incorrect"), wrong.text());
        assertEquals("/sign_in/otp", Users.signIn(new Browser(), e.user().email(), e.user().password()).path(), "old password still works");

        Page done = browser.submit(wrong, "Reset password", Map.of("New password", "another new password", "OTP code", e.app().next()));
        assertEquals("/profile/edit", done.path(), done.text());
        assertEquals("/sign_in/otp", Users.signIn(new Browser(), e.user().email(), "another new password").path());
    }

    @Test
    void aResetWithARecoveryCodeUnlocksALockedSecondFactor() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        String throttle = "mfa:" + accountId(e.user().email());
        sql("DELETE FROM throttle WHERE throttle_key = ?", throttle);
        sql("INSERT INTO throttle (throttle_key, failures, blocked_until, updated_at) VALUES (?, 100, ?, 0)", throttle, Long.MAX_VALUE);
        Browser locked = new Browser();
        Page otp = Mfa.password(locked, e.user());
        assertTrue(Mfa.otp(locked, otp, "123456").text().contains("locked"), "the second factor is locked");

        Browser browser = new Browser();
        browser.submit(browser.get("/password/new"), "Send reset link", Map.of("Email", e.user().email()));
        Page form = browser.get(Users.mailedLink(browser, e.user().email(), RESET));
        Page totpRefused = browser.submit(form, "Reset password", Map.of("New password", "unlocked password 1", "OTP code", "123456"));
        assertTrue(totpRefused.text().contains("locked"), "a TOTP code does not unlock: " + totpRefused.text());
        Page done = browser.submit(totpRefused, "Reset password", Map.of("New password", "unlocked password 1", "OTP code", e.recoveryCodes().get(0)));
        assertEquals("/profile/edit", done.path(), done.text());

        Browser again = new Browser();
        Page in = Mfa.otp(again, Mfa.password(again, new Users.User(e.user().email(), e.user().handle(), "unlocked password 1")), e.app().next());
        assertEquals("/profile/edit", in.path(), "unlocked: " + in.text());
    }

    @Test
    void changingThePasswordOrSigningOutEverywhereElseEndsOtherSessions() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        Browser second = new Browser();
        Browser third = new Browser();
        Users.signIn(second, user.email(), user.password());
        Users.signIn(third, user.email(), user.password());
        Page profile = browser.get("/profile/edit");
        assertTrue(profile.text().contains("Other signed-in sessions of your account: 2"), profile.text());

        Page ended = browser.submit(profile, "Sign out everywhere else", Map.of());
        assertTrue(ended.text().contains("Signed out 2 other session(s)"), ended.text());
        assertEquals("/sign_in", second.get("/profile/edit").path());
        assertEquals("/profile/edit", browser.get("/profile/edit").path(), "this session stays");

        Users.signIn(third, user.email(), user.password());
        Page changed = browser.submit(browser.get("/profile/password"), "Change password",
                Map.of("Current password", user.password(), "New password", "changed password 1"));
        assertTrue(changed.text().contains("Your password has been changed"), changed.text());
        assertEquals("/sign_in", third.get("/profile/edit").path());
        assertEquals("/profile/edit", browser.get("/profile/edit").path());
    }

    @Test
    void anEmailChangeIsProvenByTheNewAddressAndToldToTheOldOne() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        Browser browser = new Browser();
        Mfa.otp(browser, Mfa.password(browser, e.user()), e.recoveryCodes().get(0));
        String newEmail = Users.fresh().email();
        Page form = browser.get("/profile/email");
        Page noCode = browser.submit(form, "Change email", Map.of("New email", newEmail, "Password", e.user().password(), "OTP code", ""));
        assertTrue(noCode.text().contains("Enter the code"), noCode.text());
        Page wrongPassword = browser.submit(form, "Change email", Map.of("New email", newEmail, "Password", "not it at all", "OTP code", e.app().next()));
        assertTrue(wrongPassword.text().contains("password"), wrongPassword.text());
        Page sent = browser.submit(browser.get("/profile/email"), "Change email",
                Map.of("New email", newEmail, "Password", e.user().password(), "OTP code", e.recoveryCodes().get(1)));
        assertTrue(sent.text().contains("We have mailed a link to " + newEmail), sent.text());
        Outbox.await(Gemhost.server(), e.user().email(), "gemhost: Email address change requested");

        Page changed = Users.followMailedLink(browser, newEmail, "gemhost: Confirm your new email address", "Confirm email address",
                Map.of("OTP code", e.recoveryCodes().get(2)));
        assertTrue(changed.text().contains("Your email address has been changed"), changed.text());
        Outbox.await(Gemhost.server(), e.user().email(), "gemhost: Email address changed");
        assertEquals("/sign_in/otp", Users.signIn(new Browser(), newEmail, e.user().password()).path());
    }

    @Test
    void deletingAnAccountNeedsPasswordAndCodeAndKeepsItsGemsWithoutIt() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        Browser browser = new Browser();
        Mfa.otp(browser, Mfa.password(browser, e.user()), e.recoveryCodes().get(0));
        String key = key(e.user());
        String gem = "del" + Long.toString(System.nanoTime(), 36);
        assertEquals(200, push(key, gem).statusCode());

        Page wrong = browser.submit(browser.get("/profile/delete"), "Delete account", Map.of("Password", e.user().password(), "OTP code", e.app().wrong()));
        assertTrue(wrong.text().contains("Your OTP code is incorrect"), wrong.text());
        Page deleted = browser.submit(wrong, "Delete account", Map.of("Password", e.user().password(), "OTP code", e.recoveryCodes().get(1)));
        assertTrue(deleted.text().contains("Your account has been deleted"), deleted.text());

        assertEquals("/sign_in", Users.signIn(new Browser(), e.user().email(), e.user().password()).path());
        assertEquals(401, push(key, gem).statusCode(), "its keys are gone");
        HttpResponse<String> owners = Api.send("GET", "/api/v1/gems/" + gem + "/owners.json", Api.headers(null, null), null);
        assertEquals(200, owners.statusCode());
        assertEquals("[]", owners.body().strip(), "the gem stays, without owners");
    }

    static long accountId(String email) throws Exception {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT id FROM account WHERE email = ?")) {
            s.setString(1, email);
            var r = s.executeQuery();
            assertTrue(r.next());
            return r.getLong(1);
        }
    }
}
