package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Users.User;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The real clients with security keys. RubyGems 3.6.9 (inside JRuby, on Java 25) signs in and
 * pushes for a keys-only account at "UI and API": the test reads the URL the client prints and
 * opens it in Chromium with the account's virtual key. (The key must hold its scopes from the
 * sign-in on: after a security key, 3.6 sends the code with one request only, so a command that
 * upgrades a key's scope cannot then repeat itself at this level.) The sign-in finishes through the client's
 * listener (the page hands the code to http://localhost:PORT); the push, whose browser is kept
 * from following that redirect (the URL without its port), finishes through the client's poller.
 * Debian's RubyGems 3.3, which has no security-key flow, keeps working with codes from the
 * authenticator app on an account that has both.
 */
@ExtendWith(Gemhost.class)
class SecurityKeysGemClientIT {

    private static final Pattern URL = Pattern.compile("(http://\\S+/webauthn_verification/[A-Za-z0-9_-]+)\\?port=(\\d+)");

    /** Signs up in Chromium, confirms the email, registers a key and sets the level to UI and API. */
    static User keysOnlyAccount(Chrome chrome) throws Exception {
        User user = Users.fresh();
        chrome.driver.addVirtualAuthenticator(SecurityKeysBrowserIT.authenticator(true));
        SecurityKeysBrowserIT.signUp(chrome, user);
        chrome.open(Users.mailedLink(new Browser(Gemhost.url()), user.email(), "gemhost: Confirm your email address"));
        chrome.press("Confirm email address");
        SecurityKeysBrowserIT.registerKey(chrome, "Desk key");
        chrome.open("/profile/edit");
        new Select(chrome.field("MFA level")).selectByVisibleText("UI and API");
        chrome.clickAndWait(By.id("mfa-use-key"));
        assertTrue(chrome.text().contains("UI and API"), chrome.text());
        return user;
    }

    @Test
    void rubygems36SignsInThroughTheListenerAndPushesThroughThePoller() throws Exception {
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            User user = keysOnlyAccount(chrome);
            GemClient gem = GemClient.rubygems36(Gemhost.url());
            Set<String> opened = ConcurrentHashMap.newKeySet();
            boolean[] followRedirect = {true};
            gem.watch(output -> {
                Matcher printed = URL.matcher(output);
                while (printed.find()) {
                    if (opened.add(printed.group(1))) {
                        chrome.driver.get(followRedirect[0] ? printed.group() : printed.group(1));
                        chrome.clickAndWait(By.id("authenticate"));
                    }
                }
            });

            // key name: the default; customise scopes: no show_dashboard, then index_rubygems and push_rubygem only
            String answers = String.join("\n", user.email(), user.password(), "", "y", "n", "y", "y", "n", "n", "n", "n") + "\n";
            GemClient.Result signin = gem.run(answers, Map.of(), "signin", "--host", Gemhost.url());
            assertEquals(0, signin.exitCode(), signin.output());
            assertEquals(1, opened.size(), signin.output());
            assertTrue(signin.output().contains("Please visit the following URL to authenticate via security device"), signin.output());
            assertTrue(signin.output().contains("You are verified with a security device"), signin.output());
            assertTrue(gem.storedKey().isPresent(), signin.output());

            followRedirect[0] = false;
            Path file = gem.buildGem("keyed-" + System.nanoTime(), "1.0.0", Map.of());
            GemClient.Result push = gem.push(file, null, null);
            assertEquals(0, push.exitCode(), push.output());
            assertEquals(2, opened.size(), push.output());
            assertTrue(chrome.text().contains("Success!"), "the page did not hand the code over: " + chrome.text());
            assertTrue(push.output().contains("You are verified with a security device"), push.output());
            assertTrue(push.output().contains("Successfully registered gem"), push.output());
        }
    }

    @Test
    void rubygems33KeepsUsingAuthenticatorCodesOnAnAccountWithBoth() throws Exception {
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            User user = keysOnlyAccount(chrome);
            chrome.open("/totp/new");
            Authenticator app = Authenticator.of(chrome.driver.findElement(By.id("totp-key")).getText(), Gemhost.url(), user.email());
            chrome.click(By.id("use-key"));
            chrome.filled("form:current");
            chrome.type("OTP code", app.next());
            chrome.press("Enable");
            assertTrue(chrome.text().contains("Your authenticator app is registered"), chrome.text());

            GemClient gem = new GemClient(Gemhost.url());
            GemClient.Result signin = gem.signin(user.email(), user.password(), app.next());
            assertEquals(0, signin.exitCode(), signin.output());
            GemClient.Result push = gem.push(gem.buildGem("coded-" + System.nanoTime(), "1.0.0", Map.of()), app.next(), null);
            assertEquals(0, push.exitCode(), push.output());
            assertTrue(push.output().contains("Successfully registered gem"), push.output());
        }
    }
}
