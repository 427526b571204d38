package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Mfa.Enrolled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In Chromium: a forgotten password, reset from the mailed link with the second factor;
 * and "Sign out everywhere else", seen from a second browser.
 */
@ExtendWith(Gemhost.class)
class RecoveryBrowserIT {

    @Test
    void forgottenPasswordToSignedInWithTheSecondFactor() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.open("/sign_in");
            chrome.link("Forgot your password?");
            chrome.type("Email", e.user().email());
            chrome.press("Send reset link");
            assertTrue(chrome.text().contains("a link to reset its password is on its way"), chrome.text());

            chrome.open(Users.mailedLink(new Browser(), e.user().email(), "gemhost: Reset your password"));
            chrome.type("New password", "a new password from the mail");
            chrome.type("OTP code", e.app().next());
            chrome.screenshot("password-reset", 390);
            chrome.press("Reset password");
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            assertTrue(chrome.text().contains("Your password has been reset"), chrome.text());
            assertTrue(chrome.text().contains(e.user().handle()));
        }
    }

    @Test
    void signOutEverywhereElseEndsTheOtherBrowsersSession() throws Exception {
        Users.User user = Users.signUp(new Browser());
        try (Chrome first = new Chrome(Gemhost.url()); Chrome second = new Chrome(Gemhost.url())) {
            for (Chrome chrome : new Chrome[] {first, second}) {
                chrome.open("/sign_in");
                chrome.type("Email", user.email());
                chrome.type("Password", user.password());
                chrome.press("Sign in");
                assertEquals("/profile/edit", chrome.path());
            }
            first.press("Sign out everywhere else");
            // the second browser, and the session that signed up
            assertTrue(first.text().contains("Signed out 2 other session(s)"), first.text());

            second.open("/profile/edit");
            assertEquals("/sign_in", second.path(), second.text());
            first.open("/profile/edit");
            assertEquals("/profile/edit", first.path());
        }
    }
}
