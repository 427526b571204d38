package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Users.User;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The enrollment as a person does it in Chromium: read the key from the page, enable, keep the
 * recovery codes, then sign in with the app and with a recovery code. Screenshots of the QR and
 * codes pages at desktop and phone widths go to target/screenshots.
 */
@ExtendWith(Gemhost.class)
class MfaBrowserIT {

    @Test
    void registerSignInWithOtpThenWithARecoveryCodeThenRegisterAgain() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.open("/sign_up");
            chrome.type("Email", user.email());
            chrome.type("Handle", user.handle());
            chrome.type("Password", user.password());
            chrome.press("Sign up");
            assertEquals("/profile/edit", chrome.path(), chrome.text());

            chrome.link("Register a new device");
            assertEquals("/totp/new", chrome.path());
            WebElement qr = chrome.driver.findElement(By.cssSelector("img[alt='QR code']"));
            assertTrue(qr.getSize().getWidth() >= 200, "QR code is shown at a scannable size");
            Authenticator app = Authenticator.of(chrome.driver.findElement(By.id("totp-key")).getText(), Gemhost.url(), user.email());
            assertTrue(chrome.text().contains("Account"));
            chrome.screenshot("totp-new", 1280);
            chrome.screenshot("totp-new", 390);
            chrome.type("OTP code", app.next());
            chrome.press("Enable");

            assertEquals("/multifactor_auth/recovery", chrome.path(), chrome.text());
            List<String> codes = chrome.driver.findElements(By.cssSelector("#recovery-codes code")).stream().map(WebElement::getText).toList();
            assertEquals(10, codes.size());
            chrome.screenshot("recovery-codes", 1280);
            chrome.screenshot("recovery-codes", 390);
            chrome.link("Continue");
            assertTrue(chrome.text().contains("Unused recovery codes: 10"), chrome.text());

            chrome.press("Sign out");
            chrome.open("/sign_in");
            chrome.type("Email", user.email());
            chrome.type("Password", user.password());
            chrome.press("Sign in");
            assertEquals("/sign_in/otp", chrome.path());
            chrome.screenshot("sign-in-otp", 390);
            chrome.type("OTP code", app.next());
            chrome.press("Verify");
            assertEquals("/profile/edit", chrome.path(), chrome.driver.getCurrentUrl() + " " + chrome.driver.getPageSource());

            chrome.press("Sign out");
            chrome.open("/sign_in");
            chrome.type("Email", user.email());
            chrome.type("Password", user.password());
            chrome.press("Sign in");
            chrome.type("OTP code", codes.get(0));
            chrome.press("Verify");
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            assertTrue(chrome.text().contains("That code is now used up"), chrome.text());
            assertTrue(chrome.text().contains("9 recovery code(s) remain"), chrome.text());
            chrome.screenshot("recovery-advice", 1280);

            chrome.link("Register your authenticator again");
            assertEquals("/totp/new", chrome.path());
            Authenticator replacement = Authenticator.of(chrome.driver.findElement(By.id("totp-key")).getText(), Gemhost.url(), user.email());
            chrome.type("Current OTP code or recovery code", codes.get(1));
            chrome.type("OTP code", replacement.next());
            chrome.press("Enable");
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            assertTrue(chrome.text().contains("Your new authenticator is registered"), chrome.text());
        }
    }
}
