package io.gemhost.wildfly;

import io.gemhost.it.Chrome;
import io.gemhost.it.Gemhost;
import io.gemhost.it.ServerProcess;
import io.gemhost.it.SecurityKeysBrowserIT;
import io.gemhost.it.Users;
import org.openqa.selenium.By;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Api;
import io.gemhost.it.Browser;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa;
import io.gemhost.it.Mfa.Enrolled;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR, unchanged, on WildFly (Hibernate, Undertow; server-config/wildfly.cli): run only
 * by `mvn verify -Pwildfly`, on the run's shared server, which is then WildFly (io.gemhost.it.Gemhost).
 * Sign-up and MFA through the pages, level "UI and API", an API key, and a push refused without a
 * code and accepted with one, as docs/API.md says; a security key and a passkey in Chromium.
 */
@ExtendWith(Gemhost.class)
class WildFlySmokeIT {

    static final String MISSING = "You have enabled multifactor authentication but no OTP code provided. Please fill it and retry.";

    @Test
    void theSharedServerIsWildFly() throws Exception {
        assertTrue(ServerProcess.wildfly(), "run with -Pwildfly");
        assertTrue(Gemhost.server().logText().contains("WildFly"), Gemhost.server().tail());
    }

    @Test
    void signUpEnrollSetUiAndApiCreateKeyAndPush() throws Exception {
        String site = Gemhost.url();
        HttpResponse<String> health = Api.send("GET", site + "/api/v1/health", Map.of(), null);
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("OK", health.body());

        Browser browser = new Browser(site);
        Enrolled e = Mfa.enroll(browser);
        Page done = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(0)));
        assertTrue(done.text().contains("Your MFA level is now UI and API"), done.text());

        HttpResponse<String> created = Api.form("POST", site + "/api/v1/api_key",
                Api.headers(Api.basic(e.user().email(), e.user().password()), e.recoveryCodes().get(1)), Api.ALL_SCOPES);
        assertEquals(200, created.statusCode(), created.body());
        String key = created.body();
        assertTrue(key.matches("gemhost_[0-9a-f]{48}"), key);

        String gem = "wf" + Long.toString(System.nanoTime(), 36);
        byte[] file = TestGems.gem(gem, "0.1.0", "ruby", false);
        HttpResponse<String> refused = Api.send("POST", site + "/api/v1/gems", octets(Api.headers(key, null)), file);
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals(MISSING, refused.body());

        HttpResponse<String> pushed = Api.send("POST", site + "/api/v1/gems", octets(Api.headers(key, e.app().next())), file);
        assertEquals(200, pushed.statusCode(), pushed.body());
        assertEquals("Successfully registered gem: " + gem + " (0.1.0)", pushed.body());
    }

    /** webauthn4j on WildFly: register a key in Chromium, then sign in with it as a passkey. */
    @Test
    void securityKeyRegistersAndSignsInAsAPasskey() throws Exception {
        Users.User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.driver.addVirtualAuthenticator(SecurityKeysBrowserIT.authenticator(true));
            SecurityKeysBrowserIT.signUp(chrome, user);
            chrome.open("/profile/security_devices");
            chrome.type("Nickname", "WildFly key");
            chrome.clickAndWait(By.id("register-device"));
            assertEquals("/multifactor_auth/recovery", chrome.path(), chrome.text());
            chrome.open("/profile/edit");
            chrome.press("Sign out");
            chrome.open("/sign_in");
            chrome.clickAndWait(By.id("passkey-button"));
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            chrome.open("/profile/security_devices");
            assertTrue(chrome.text().contains("WildFly key"), chrome.text());
        }
    }

    private static Map<String, String> octets(Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/octet-stream");
        return h;
    }
}
