package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pages that configure trusted publishers: a gem's publishers (owners only, the current second
 * factor with MFA on, mail and log for every owner), and pending publishers for a gem name not
 * pushed yet (free names only, 12 hours).
 */
@ExtendWith(Gemhost.class)
class TrustedPublishersPagesIT {

    static String pushGem(Users.User user, String gem) throws Exception {
        HttpResponse<String> key = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES);
        assertEquals(200, key.statusCode(), key.body());
        HttpResponse<String> pushed = Api.send("POST", "/api/v1/gems", Api.headers(key.body(), null), TestGems.gem(gem, "1.0.0", "ruby", false));
        assertEquals(200, pushed.statusCode(), pushed.body());
        return key.body();
    }

    @Test
    void anOwnerAddsAndDeletesAGitHubPublisherAndEveryOwnerHearsOfIt() throws Exception {
        Browser browser = new Browser();
        Users.User owner = Users.signUp(browser);
        String gem = "tp" + owner.handle();
        pushGem(owner, gem);
        String url = "/gems/" + gem + "/trusted_publishers";

        Browser.Page page = browser.get(url);
        assertEquals(200, page.status(), page.text());
        assertNotNull(page.doc().getElementById("no-publishers"), page.text());
        Browser.Page bad = browser.submit(page, "Create trusted publisher", Map.of("Repository owner", "acme", "Repository name", "widget",
                "Workflow filename", "release.sh"));
        assertTrue(bad.text().contains("Workflow filename: the file name under .github/workflows"), bad.text());
        Browser.Page added = browser.submit(browser.get(url), "Create trusted publisher", Map.of("Trusted publisher type", "GitHub Actions",
                "Repository owner", "acme", "Repository name", "widget", "Workflow filename", "release.yml", "Environment", "rubygems"));
        assertEquals(url, added.path(), added.text());
        Element row = added.doc().selectFirst("tr.publisher");
        assertNotNull(row, added.text());
        assertEquals("acme/widget", row.selectFirst(".repository").text());
        assertEquals("release.yml", row.selectFirst(".workflow").text());
        assertTrue(row.text().contains("GitHub Actions") && row.text().contains("rubygems"), row.text());
        String mail = Outbox.await(Outbox.dataDir(browser.base()), owner.email(), "gemhost: Trusted publisher added");
        assertTrue(mail.contains("acme/widget"), mail);
        assertTrue(browser.get("/profile/security_log").text().contains("Trusted publisher added"));

        Browser.Page deleted = browser.submit(added.doc().selectFirst("tr.publisher input[type=submit]"), Map.of());
        assertEquals(url, deleted.path(), deleted.text());
        assertNotNull(deleted.doc().getElementById("no-publishers"), deleted.text());
        Outbox.await(Outbox.dataDir(browser.base()), owner.email(), "gemhost: Trusted publisher removed");
    }

    @Test
    void aGitLabPublisherHasItsOwnFields() throws Exception {
        Browser browser = new Browser();
        Users.User owner = Users.signUp(browser);
        String gem = "gl" + owner.handle();
        pushGem(owner, gem);
        String url = "/gems/" + gem + "/trusted_publishers";
        Browser.Page form = browser.get(url + "?type=gitlab");
        Browser.Page added = browser.submit(form, "Create trusted publisher", Map.of("Namespace", "acme/tools", "Project", "widget",
                "CI config path", ""));
        Element row = added.doc().selectFirst("tr.publisher");
        assertNotNull(row, added.text());
        assertTrue(row.text().contains("GitLab CI/CD") && row.text().contains("acme/tools/widget") && row.text().contains(".gitlab-ci.yml"), row.text());
    }

    @Test
    void withMfaOnAddingTakesTheCurrentCode() throws Exception {
        Browser browser = new Browser();
        Mfa.Enrolled enrolled = Mfa.enroll(browser);
        String gem = "mf" + enrolled.user().handle();
        pushGem(enrolled.user(), gem);
        String url = "/gems/" + gem + "/trusted_publishers";
        Map<String, String> fields = Map.of("Repository owner", "acme", "Repository name", "widget", "Workflow filename", "push.yml");
        Browser.Page refused = browser.submit(browser.get(url), "Create trusted publisher", fields);
        assertNull(refused.doc().selectFirst("tr.publisher"), refused.text());
        assertTrue(refused.text().contains("OTP"), refused.text());
        Map<String, String> withCode = new java.util.HashMap<>(fields);
        withCode.put("OTP code", enrolled.app().next());
        Browser.Page added = browser.submit(browser.get(url), "Create trusted publisher", withCode);
        assertNotNull(added.doc().selectFirst("tr.publisher"), added.text());
    }

    @Test
    void aStrangerSeesNoPublishersAndCannotAddOne() throws Exception {
        Users.User owner = Users.signUp(new Browser());
        String gem = "st" + owner.handle();
        pushGem(owner, gem);
        Browser stranger = new Browser();
        Users.signUp(stranger);
        Browser.Page page = stranger.get("/gems/" + gem + "/trusted_publishers");
        assertNotNull(page.doc().getElementById("not-found"), page.text());
        assertTrue(page.doc().select("input[type=submit][value=Create trusted publisher]").isEmpty(), "no form for a stranger");
        Browser.Page unknown = stranger.get("/gems/nosuchgem" + owner.handle() + "/trusted_publishers");
        assertNotNull(unknown.doc().getElementById("not-found"), unknown.text());
        Browser.Page signedOut = new Browser().get("/gems/" + gem + "/trusted_publishers");
        assertEquals("/sign_in", signedOut.path(), "signed out: sign in first");
    }

    @Test
    void aPendingPublisherTakesAFreeNameForTwelveHours() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        String taken = "pt" + user.handle();
        pushGem(user, taken);
        String free = "pf" + user.handle();
        Map<String, String> fields = Map.of("Repository owner", "acme", "Repository name", "widget", "Workflow filename", "release.yml");

        Map<String, String> onTaken = new java.util.HashMap<>(fields);
        onTaken.put("Gem name", taken);
        Browser.Page refused = browser.submit(browser.get("/profile/pending_trusted_publishers"), "Create pending trusted publisher", onTaken);
        assertTrue(refused.text().contains("This gem name is taken"), refused.text());

        Map<String, String> onFree = new java.util.HashMap<>(fields);
        onFree.put("Gem name", free);
        Browser.Page added = browser.submit(browser.get("/profile/pending_trusted_publishers"), "Create pending trusted publisher", onFree);
        Element row = added.doc().selectFirst("tr.publisher");
        assertNotNull(row, added.text());
        assertEquals(free, row.selectFirst(".gem-name").text());
        assertFalse(row.selectFirst(".expires").text().isBlank());

        Browser other = new Browser();
        Users.signUp(other);
        Browser.Page otherTry = other.submit(other.get("/profile/pending_trusted_publishers"), "Create pending trusted publisher", onFree);
        assertTrue(otherTry.text().contains("This gem name is taken"), "another account cannot take a pending name: " + otherTry.text());

        // twelve hours later (the stored time moved, not waited for), it is gone and the name is free again
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement(
                "UPDATE pending_trusted_publisher SET created_at = created_at - ?, expires_at = expires_at - ? WHERE gem_name = ?")) {
            long twelveHours = 12L * 3600 * 1000 + 1000;
            s.setLong(1, twelveHours);
            s.setLong(2, twelveHours);
            s.setString(3, free);
            assertEquals(1, s.executeUpdate());
        }
        assertNotNull(browser.get("/profile/pending_trusted_publishers").doc().getElementById("no-pending"));
        Browser.Page otherNow = other.submit(other.get("/profile/pending_trusted_publishers"), "Create pending trusted publisher", onFree);
        assertNotNull(otherNow.doc().selectFirst("tr.publisher"), "an expired pending publisher frees its name: " + otherNow.text());
    }
}
