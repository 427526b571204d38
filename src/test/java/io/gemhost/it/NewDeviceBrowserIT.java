package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Gemhost.BehindProxy;
import io.gemhost.it.Users.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Security keys and passkeys skip the new-device check (docs/SECURITY.md, new devices): they
 * cannot be phished. In Chromium with its virtual authenticator, on the server behind a trusted
 * proxy; Chromium tells it the client's address through the DevTools protocol (an extra
 * X-Forwarded-For header on every request), and each sign-in comes from an address the account
 * has not used, without the remember-this-device cookie.
 */
@ExtendWith(BehindProxy.class)
class NewDeviceBrowserIT {

    @Test
    void aSecurityKeyOrAPasskeyFromANewDeviceSignsInAtOnceARecoveryCodeIsHeld() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(BehindProxy.server().baseUrl)) {
            chrome.driver.addVirtualAuthenticator(SecurityKeysBrowserIT.authenticator(true));
            from(chrome, "198.51.100.50");
            SecurityKeysBrowserIT.signUp(chrome, user);
            SecurityKeysBrowserIT.registerKey(chrome, "Desk key");
            assertEquals("/multifactor_auth/recovery", chrome.path(), chrome.text());
            List<String> codes = chrome.driver.findElements(By.cssSelector("#recovery-codes code")).stream().map(e -> e.getText()).toList();
            assertEquals(10, codes.size());
            chrome.open("/profile/edit");
            chrome.press("Sign out");

            // password, then the key as second step
            newDevice(chrome, "203.0.113.50");
            SecurityKeysBrowserIT.signInWithPassword(chrome, user);
            SecurityKeysBrowserIT.useKeyOnSecondStep(chrome);
            assertEquals("/profile/edit", chrome.path(), "a security key is not held: " + chrome.text());
            chrome.press("Sign out");

            // the key as a passkey
            newDevice(chrome, "203.0.113.51");
            chrome.open("/sign_in");
            chrome.clickAndWait(By.id("passkey-button"));
            assertEquals("/profile/edit", chrome.path(), "a passkey is not held: " + chrome.text());
            chrome.press("Sign out");

            // the same browser, password and a recovery code from another new address: held
            newDevice(chrome, "203.0.113.52");
            SecurityKeysBrowserIT.signInWithPassword(chrome, user);
            assertEquals("/sign_in/otp", chrome.path(), chrome.text());
            chrome.type("OTP code", codes.get(0));
            chrome.press("Verify");
            assertEquals("/sign_in/device", chrome.path(), chrome.text());
            assertTrue(chrome.text().contains("Check your email"), chrome.text());
            assertTrue(chrome.driver.findElements(By.id("current-handle")).isEmpty());
            Outbox.await(BehindProxy.server().dataDir, user.email(), NewDeviceIT.SUBJECT);
        }
    }

    /** From now on Chromium's requests reach the server as a client at this address, through the trusted proxy. */
    static void from(Chrome chrome, String address) {
        chrome.driver.executeCdpCommand("Network.enable", Map.of());
        chrome.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", address)));
    }

    /** Another address, and no remember-this-device cookie: a device the account has not used. */
    static void newDevice(Chrome chrome, String address) {
        from(chrome, address);
        chrome.driver.manage().deleteCookieNamed(NewDeviceIT.COOKIE);
    }
}
