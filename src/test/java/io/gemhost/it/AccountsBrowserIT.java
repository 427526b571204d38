package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Users.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A person in Chromium: sign up, sign out, sign in, change the password, sign in with it. */
@ExtendWith(Gemhost.class)
class AccountsBrowserIT {

    @Test
    void signUpSignOutSignInChangePasswordSignInAgain() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.open("/");
            chrome.link("Sign up");
            chrome.type("Email", user.email());
            chrome.type("Handle", user.handle());
            chrome.type("Password", user.password());
            chrome.press("Sign up");
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            assertTrue(chrome.text().contains(user.handle()));
            chrome.screenshot("profile", 1280);

            chrome.press("Sign out");
            assertEquals("/", chrome.path());
            chrome.link("Sign in");
            chrome.type("Email", user.email());
            chrome.type("Password", user.password());
            chrome.press("Sign in");
            assertEquals("/profile/edit", chrome.path(), chrome.text());

            chrome.open("/profile/password");
            chrome.type("Current password", user.password());
            chrome.type("New password", "my new long password");
            chrome.press("Change password");
            assertTrue(chrome.text().contains("Your password has been changed."), chrome.text());

            chrome.press("Sign out");
            chrome.open("/sign_in");
            chrome.type("Email", user.email());
            chrome.type("Password", user.password());
            chrome.press("Sign in");
            assertTrue(chrome.text().contains("Invalid email or password."), chrome.text());
            chrome.type("Email", user.email());
            chrome.type("Password", "my new long password");
            chrome.press("Sign in");
            assertEquals("/profile/edit", chrome.path(), chrome.text());
        }
    }
}
