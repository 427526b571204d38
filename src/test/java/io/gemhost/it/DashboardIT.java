package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import java.net.http.HttpResponse;
import java.util.List;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard lists the account's own gems with their highest version, linked to their publishers. */
@ExtendWith(Gemhost.class)
class DashboardIT {

    @Test
    void listsTheAccountsGemsWithTheirHighestVersion() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        Browser.Page empty = browser.get("/dashboard");
        assertEquals(200, empty.status());
        assertTrue(empty.doc().getElementById("no-gems") != null, empty.text());

        HttpResponse<String> key = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), Api.ALL_SCOPES);
        assertEquals(200, key.statusCode(), key.body());
        String gem = "dash" + user.handle();
        for (String version : List.of("1.0.0", "2.0.0", "1.5.0")) {
            HttpResponse<String> pushed = Api.send("POST", "/api/v1/gems", Api.headers(key.body(), null), TestGems.gem(gem, version, "ruby", false));
            assertEquals(200, pushed.statusCode(), pushed.body());
        }
        Browser.Page page = browser.get("/dashboard");
        List<Element> rows = page.doc().select("#gems tbody tr");
        assertEquals(1, rows.size(), page.text());
        assertEquals(gem, rows.get(0).selectFirst(".gem-name").text());
        assertEquals("2.0.0", rows.get(0).selectFirst(".gem-version").text(), "the highest version, not the last pushed");
        assertEquals("/gems/" + gem + "/trusted_publishers", rows.get(0).selectFirst("a").attr("href"));
        assertTrue(browser.get("/profile/edit").doc().getElementById("dashboard-link") != null, "linked from the profile page");

        Browser.Page stranger = new Browser().get("/dashboard");
        assertEquals("/sign_in", stranger.path(), "a stranger is sent to sign in");
    }
}
