package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Users.User;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** In Chromium: change the MFA level (a wrong code refused, the right one taken) and revoke an API key. */
@ExtendWith(Gemhost.class)
class LevelsBrowserIT {

    @Test
    void changeTheLevelThenRevokeAKey() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.open("/sign_up");
            chrome.type("Email", user.email());
            chrome.type("Handle", user.handle());
            chrome.type("Password", user.password());
            chrome.press("Sign up");
            chrome.link("Register a new device");
            Authenticator app = Authenticator.of(chrome.driver.findElement(By.id("totp-key")).getText(), Gemhost.url(), user.email());
            chrome.type("OTP code", app.next());
            chrome.press("Enable");
            chrome.link("Continue");

            new Select(chrome.field("MFA level")).selectByVisibleText("UI and API");
            chrome.type("OTP code", app.wrong());
            chrome.press("Update");
            assertTrue(chrome.text().contains("Your OTP code is incorrect"), chrome.text());
            assertTrue(chrome.text().contains("Level: UI only"));

            new Select(chrome.field("MFA level")).selectByVisibleText("UI and API");
            chrome.type("OTP code", app.next());
            chrome.press("Update");
            assertTrue(chrome.text().contains("Your MFA level is now UI and API."), chrome.text());
            assertTrue(chrome.text().contains("Level: UI and API"));
            assertEquals("UI and API", new Select(chrome.field("MFA level")).getFirstSelectedOption().getText());

            HttpResponse<String> created = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), app.next()), Api.ALL_SCOPES);
            assertEquals(200, created.statusCode(), created.body());
            String key = created.body();
            assertEquals(200, Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null).statusCode());

            chrome.open("/profile/edit");
            chrome.screenshot("profile-mfa-on", 1280);
            assertFalse(chrome.text().contains("test key"), "the key list is on its own page now: " + chrome.text());
            chrome.link("API keys");
            assertTrue(chrome.text().contains("test key"), chrome.text());
            chrome.screenshot("api-keys", 1280);
            chrome.press("Revoke");
            assertTrue(chrome.text().contains("The API key has been revoked"), chrome.text());
            assertTrue(chrome.driver.findElements(By.cssSelector("tr.api-key")).isEmpty());
            HttpResponse<String> after = Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null);
            assertEquals(401, after.statusCode());
            assertTrue(after.body().startsWith("Access Denied."), after.body());
        }
    }
}
