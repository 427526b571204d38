package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /profile/api_keys: the account's keys with Revoke, and the form that makes a key with scopes,
 * one gem and an expiry, shown once; with MFA on the form asks for the current second factor.
 * The key list has left /profile/edit, which links here.
 */
@ExtendWith(Gemhost.class)
class ApiKeysPageIT {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static String inMinutes(long minutes) {
        return LocalDateTime.now(ZoneOffset.UTC).plusMinutes(minutes).format(MINUTE);
    }

    static String shownKey(Page page) {
        Element shown = page.doc().getElementById("new-api-key");
        assertNotNull(shown, "no new key shown: " + page.text());
        assertTrue(shown.text().matches("gemhost_[0-9a-f]{48}"), shown.text());
        return shown.text();
    }

    @Test
    void makeAOneGemKeyThatExpiresUseItAndRevokeIt() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        String full = ApiKeyTermsIT.key(user, Api.ALL_SCOPES);
        String gem = ApiKeyTermsIT.gemName();
        String other = ApiKeyTermsIT.gemName();
        assertEquals(200, ApiKeyTermsIT.push(full, gem, "1.0.0").statusCode());
        assertEquals(200, ApiKeyTermsIT.push(full, other, "1.0.0").statusCode());

        Page profile = browser.get("/profile/edit");
        assertTrue(profile.doc().select("tr.api-key").isEmpty(), "the key list left /profile/edit: " + profile.text());
        Element link = profile.doc().select("a").stream().filter(a -> a.text().equals("API keys")).findFirst()
                .orElseThrow(() -> new AssertionError("no link API keys on /profile/edit: " + profile.text()));
        assertEquals("/profile/api_keys", java.net.URI.create(link.absUrl("href")).getPath());

        Page keys = browser.get("/profile/api_keys");
        assertEquals(200, keys.status(), keys.text());
        assertTrue(keys.text().contains("test key"), keys.text());
        for (String scope : new String[] {"index_rubygems", "push_rubygem", "yank_rubygem", "add_owner", "remove_owner", "access_webhooks",
                "show_dashboard", "configure_trusted_publishers"}) {
            assertTrue(keys.doc().select("label").stream().anyMatch(l -> l.text().equals(scope)), "no checkbox " + scope);
        }
        assertTrue(keys.doc().select("option").stream().anyMatch(o -> o.text().equals(gem)), "the account's gem is offered");
        assertEquals(1, keys.doc().select("label").stream().filter(l -> l.text().equals("Expiration")).count());
        assertEquals(0, keys.doc().select("label").stream().filter(l -> l.text().equals("OTP code")).count(), "no second factor asked without MFA");

        String expiry = inMinutes(24 * 60);
        Page made = browser.submit(keys, "Create API key", Map.of("Name", "release", "push_rubygem", "on", "yank_rubygem", "on",
                "Gem", gem, "Expiration", expiry));
        String key = shownKey(made);
        Element row = made.doc().select("tr.api-key").stream().filter(r -> r.text().contains("release")).findFirst()
                .orElseThrow(() -> new AssertionError("the new key is not listed: " + made.text()));
        assertTrue(row.text().contains("push_rubygem") && row.text().contains("yank_rubygem"), row.text());
        assertTrue(row.text().contains(gem), row.text());
        assertTrue(row.text().contains(expiry.replace('T', ' ')), row.text());
        assertEquals("never", row.select("td[data-label=Last used]").text(), "a new key was never used: " + row.text());
        assertFalse(browser.get("/profile/api_keys").body().contains(key), "the key is shown once only");

        ApiKeyTermsIT.succeeds("Successfully registered gem: " + gem + " (1.1.0)", ApiKeyTermsIT.push(key, gem, "1.1.0"));
        Element used = browser.get("/profile/api_keys").doc().select("tr.api-key").stream().filter(r -> r.text().contains("release"))
                .findFirst().orElseThrow();
        String lastUsed = used.select("td[data-label=Last used]").text();
        assertTrue(lastUsed.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*"), "the push shows as the key's last use: " + used.text());
        ApiKeyTermsIT.answers(403, ApiKeyTermsIT.OTHER_GEM, ApiKeyTermsIT.push(key, other, "1.1.0"));
        ApiKeyTermsIT.answers(403, "The API key doesn't have access to add_owner",
                Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(key, null), Map.of("email", "x@example.org")));

        StoredKeys.expire(key);
        ApiKeyTermsIT.answers(401, ApiKeyTermsIT.access(), ApiKeyTermsIT.push(key, gem, "1.2.0"));
        Page listed = browser.get("/profile/api_keys");
        Element expired = listed.doc().select("tr.api-key").stream().filter(r -> r.text().contains("release")).findFirst().orElseThrow();
        assertTrue(expired.text().contains("expired"), expired.text());

        // Revoke on the first row: the newest key, "release"
        Page revoked = browser.submit(listed, "Revoke", Map.of());
        assertTrue(revoked.text().contains("The API key has been revoked"), revoked.text());
        HttpResponse<String> after = Api.send("GET", "/api/v1/gems.json", Api.headers(full, null), null);
        assertEquals(200, after.statusCode(), "the newest key (release) went first, the full key stays: " + after.body());
        assertFalse(browser.get("/profile/api_keys").text().contains("release"));
    }

    @Test
    void badTermsBringTheFormBackWithAMessage() throws Exception {
        Browser browser = new Browser();
        Users.signUp(browser);
        Page keys = browser.get("/profile/api_keys");
        Map<String, String> good = new LinkedHashMap<>(Map.of("Name", "ci", "push_rubygem", "on", "Expiration", inMinutes(60)));

        Page past = browser.submit(keys, "Create API key", with(good, "Expiration", inMinutes(-60)));
        assertRefused(past, "Expiration must be in the future");
        Page noScope = browser.submit(keys, "Create API key", with(good, "push_rubygem", ""));
        assertRefused(noScope, "Please choose at least one scope for the API key.");
        Page garbage = browser.submit(keys, "Create API key", with(good, "Expiration", "soon"));
        assertRefused(garbage, "Expiration must be a date and time");
        Page forged = browser.submit(keys, "Create API key", with(good, "Gem", "forged-gem"));
        assertTrue(forged.doc().getElementById("new-api-key") == null, forged.text());
        assertTrue(browser.get("/profile/api_keys").doc().select("tr.api-key").isEmpty(), "no key was made");

        // an empty expiry is a key that never expires
        Page never = browser.submit(keys, "Create API key", with(good, "Expiration", ""));
        shownKey(never);
        assertTrue(never.doc().select("tr.api-key").first().text().contains("never"), never.text());
    }

    @Test
    void withMfaOnTheFormAsksForTheCurrentSecondFactor() throws Exception {
        Browser browser = new Browser();
        Mfa.Enrolled enrolled = Mfa.enroll(browser);
        Page keys = browser.get("/profile/api_keys");
        assertEquals(1, keys.doc().select("label").stream().filter(l -> l.text().equals("OTP code")).count(), keys.text());

        Page missing = browser.submit(keys, "Create API key", Map.of("Name", "ci", "push_rubygem", "on"));
        assertTrue(missing.doc().getElementById("new-api-key") == null, missing.text());
        assertTrue(missing.text().contains("OTP code"), missing.text());
        Page wrong = browser.submit(keys, "Create API key", Map.of("Name", "ci", "push_rubygem", "on", "OTP code", enrolled.app().wrong()));
        assertTrue(wrong.doc().getElementById("new-api-key") == null, wrong.text());
        assertTrue(wrong.text().contains("Your OTP code is incorrect"), wrong.text());

        Page made = browser.submit(keys, "Create API key", Map.of("Name", "ci", "push_rubygem", "on", "OTP code", enrolled.app().next()));
        String key = shownKey(made);
        assertEquals(200, Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null).statusCode());
    }

    static Map<String, String> with(Map<String, String> base, String... more) {
        return ApiKeyTermsIT.with(base, more);
    }

    static void assertRefused(Page page, String message) {
        assertEquals(200, page.status());
        assertEquals("/profile/api_keys", page.path());
        assertTrue(page.doc().getElementById("new-api-key") == null, page.text());
        assertTrue(page.text().contains(message), "expected '" + message + "' in: " + page.text());
    }
}
