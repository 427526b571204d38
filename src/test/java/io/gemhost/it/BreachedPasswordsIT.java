package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Users.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Breached passwords (docs/SECURITY.md): refused wherever a password is set, asked of the range
 * service (RangeStub) with five hex digits of the hash only, and of the shipped list while the
 * service does not answer; a sign-in with a password the service reports still works, and the
 * holder is mailed once and asked for a new one.
 */
@ExtendWith(Gemhost.class)
class BreachedPasswordsIT {

    static final String BREACHED = "appears in a data breach";
    static final String NOTICE_SUBJECT = "gemhost: Your password appears in a data breach";

    private final RangeStub stub = RangeStub.shared();

    @Test
    void signUpRefusesAPasswordTheServiceReportsAndKeepsTheOtherFields() throws Exception {
        User user = Users.fresh();
        String password = "breached " + user.password();
        stub.breach(password);
        Browser browser = new Browser();
        Page page = browser.submit(browser.get("/sign_up"), "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", password));
        assertEquals("/sign_up", page.path(), page.text());
        assertTrue(page.text().contains(BREACHED), page.text());
        assertFalse(page.text().contains("Invalid"), page.text());
        assertEquals(user.email(), page.doc().getElementById("form:email").val());
        assertEquals(user.handle(), page.doc().getElementById("form:handle").val());
        assertEquals("", page.doc().getElementById("form:password").val());

        String hash = RangeStub.sha1(password);
        List<String> asked = stub.requests();
        assertTrue(asked.contains("GET /range/" + hash.substring(0, 5) + " Add-Padding=true"), asked.toString());
        assertTrue(asked.stream().allMatch(r -> r.matches("GET /range/[0-9A-F]{5} Add-Padding=true")), asked.toString());

        Page ok = browser.submit(page, "Sign up", Map.of("Password", user.password()));
        assertEquals("/profile/edit", ok.path(), ok.text());
    }

    @Test
    void aPaddingLineOfCountZeroIsNoBreach() throws Exception {
        User user = Users.fresh();
        String password = "padded " + user.password();
        stub.pad(password);
        Browser browser = new Browser();
        Page page = browser.submit(browser.get("/sign_up"), "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", password));
        assertEquals("/profile/edit", page.path(), page.text());
    }

    @Test
    void passwordChangeRefusesABreachedPassword() throws Exception {
        Browser browser = new Browser();
        User user = Users.signUp(browser);
        String breached = "breached change " + user.password();
        stub.breach(breached);
        Page refused = browser.submit(passwordForm(browser), "Change password",
                Map.of("Current password", user.password(), "New password", breached));
        assertTrue(refused.text().contains(BREACHED), refused.text());
        Users.signOut(browser);
        assertEquals("/profile/edit", Users.signIn(new Browser(), user.email(), user.password()).path());
    }

    @Test
    void passwordResetRefusesABreachedPasswordAndTheLinkStillWorks() throws Exception {
        User user = Users.signUp(new Browser());
        Browser browser = new Browser();
        browser.submit(browser.get("/password/new"), "Send reset link", Map.of("Email", user.email()));
        Page form = browser.get(Users.mailedLink(browser, user.email(), "gemhost: Reset your password"));
        String breached = "breached reset " + user.password();
        stub.breach(breached);
        Page refused = browser.submit(form, "Reset password", Map.of("New password", breached));
        assertTrue(refused.text().contains(BREACHED), refused.text());
        Page done = browser.submit(refused, "Reset password", Map.of("New password", "fresh reset " + user.password()));
        assertEquals("/profile/edit", done.path(), done.text());
    }

    @Test
    void whileTheServiceDoesNotAnswerTheShippedListRefusesCommonPasswords() throws Exception {
        stub.down(true);
        try {
            User user = Users.fresh();
            Browser browser = new Browser();
            Page page = browser.submit(browser.get("/sign_up"), "Sign up",
                    Map.of("Email", user.email(), "Handle", user.handle(), "Password", "password123"));
            assertEquals("/sign_up", page.path(), page.text());
            assertTrue(page.text().contains(BREACHED), page.text());

            Page ok = browser.submit(page, "Sign up", Map.of("Password", user.password()));
            assertEquals("/profile/edit", ok.path(), ok.text());
        } finally {
            stub.down(false);
        }
        String log = Gemhost.server().logText();
        assertTrue(log.contains("the shipped list answered"), Gemhost.server().tail());
        assertFalse(log.contains("password123"), "the log names the password");
        assertFalse(log.contains(RangeStub.sha1("password123")), "the log holds the hash");
    }

    @Test
    void signInWithAReportedPasswordWorksMailsOnceAndTheProfileAsksForANewOne() throws Exception {
        User user = Users.signUp(new Browser());
        stub.breach(user.password());

        Browser browser = new Browser();
        Page signedIn = Users.signIn(browser, user.email(), user.password());
        assertEquals("/profile/edit", signedIn.path(), signedIn.text());
        Page profile = browser.get("/profile/edit");
        assertTrue(profile.doc().select("#breached-password").text().contains(BREACHED), profile.text());
        String mail = Outbox.await(Gemhost.server(), user.email(), NOTICE_SUBJECT);
        assertTrue(mail.contains("change your password"), mail);

        Browser again = new Browser();
        assertEquals("/profile/edit", Users.signIn(again, user.email(), user.password()).path());
        Page log = again.get("/profile/security_log");
        assertEquals(1, log.text().split("password found in a data breach", -1).length - 1, log.text());
        assertEquals(1, Outbox.mailsTo(Gemhost.server(), user.email()).stream()
                .filter(m -> m.contains("Subject: " + NOTICE_SUBJECT)).count());

        browser.submit(passwordForm(browser), "Change password",
                Map.of("Current password", user.password(), "New password", "renewed " + user.password()));
        assertTrue(browser.get("/profile/edit").doc().select("#breached-password").isEmpty());
    }

    /** The page with the password change form (/profile/password where it has its own page). */
    private static Page passwordForm(Browser browser) throws Exception {
        Page own = browser.get("/profile/password");
        return own.status() == 200 && own.path().equals("/profile/password") ? own : browser.get("/profile/edit");
    }
}
