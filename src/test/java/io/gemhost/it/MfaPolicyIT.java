package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.account.MfaLevel;
import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GEMHOST_MFA_POLICY (docs/SECURITY.md, "The operator's MFA policy"), each value on a real server:
 * {@code recommend} on the shared server (the default), {@code off} and then {@code require} on
 * two servers of this class that run one after the other on one data directory, so the keys,
 * gems and publishers made under {@code off} are what {@code require} meets. The real gem
 * clients (Debian's RubyGems 3.3 and RubyGems 3.6) print the texts.
 */
@ExtendWith(Gemhost.class)
class MfaPolicyIT {

    static String setupRequired(String base) {
        return "[ERROR] For protection of your account and your gems, you are required to set up multi-factor authentication at "
                + base + "/totp/new.";
    }

    static String levelRequired(String base) {
        return "[ERROR] For protection of your account and your gems, you are required to change your MFA level to "
                + "'UI and gem signin' or 'UI and API' at " + base + "/profile/edit.";
    }

    static String setupRecommended(String base) {
        return "[WARNING] For protection of your account and gems, we encourage you to set up multi-factor authentication at "
                + base + "/totp/new. Your account will be required to have MFA enabled in the future.";
    }

    static final String OPERATOR = "policy-operator@gemhost.test";

    @Test
    void recommendWarnsOnPushAndOwnerChangesOfAnAccountWithoutMfaAndTheProfileAdvises() throws Exception {
        String base = Gemhost.url();
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        Users.User friend = Users.signUp(new Browser());
        Page profile = browser.get("/profile/edit");
        assertNotNull(profile.doc().getElementById("mfa-policy"), profile.text());
        assertTrue(profile.doc().getElementById("mfa-policy").text().contains("we encourage you to set up multi-factor authentication"), profile.text());
        String key = key(base, user);

        String gem = "rec" + Long.toString(System.nanoTime(), 36);
        HttpResponse<String> pushed = push(base, key, gem, "0.1.0");
        assertEquals(200, pushed.statusCode(), pushed.body());
        assertEquals("Successfully registered gem: " + gem + " (0.1.0)\n\n" + setupRecommended(base), pushed.body());

        GemClient debian = new GemClient(base);
        GemClient.Result debianPush = debian.push(debian.buildGem(gem, "0.2.0", Map.of()), null, key);
        assertTrue(debianPush.ok(), debianPush.output());
        assertTrue(debianPush.output().contains("Successfully registered gem: " + gem + " (0.2.0)"), debianPush.output());
        assertTrue(debianPush.output().contains(setupRecommended(base)), debianPush.output());

        GemClient.Result added = debian.run(null, Map.of("GEM_HOST_API_KEY", key), "owner", gem, "--host", base, "--add", friend.email());
        assertTrue(added.ok(), added.output());
        assertTrue(added.output().contains("Owner added successfully."), added.output());
        assertTrue(added.output().contains(setupRecommended(base)), added.output());

        GemClient rubygems36 = GemClient.rubygems36(base);
        GemClient.Result newerPush = rubygems36.push(debian.buildGem(gem, "0.3.0", Map.of()), null, key);
        assertTrue(newerPush.ok(), newerPush.output());
        assertTrue(newerPush.output().contains(setupRecommended(base)), newerPush.output());
        GemClient.Result removed = rubygems36.run(null, Map.of("GEM_HOST_API_KEY", key), "owner", gem, "--host", base, "--remove", friend.email());
        assertTrue(removed.ok(), removed.output());
        assertTrue(removed.output().contains("Owner removed successfully."), removed.output());
        assertTrue(removed.output().contains(setupRecommended(base)), removed.output());

        // an account at UI and gem signin meets the policy: no warning, no advice
        Mfa.Enrolled strong = Mfa.enroll(browser = new Browser());
        Page level = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", MfaLevel.UI_AND_GEM_SIGNIN.label(), "OTP code", strong.app().next()));
        assertTrue(level.text().contains("Your MFA level is now"), level.text());
        assertNull(browser.get("/profile/edit").doc().getElementById("mfa-policy"));
        HttpResponse<String> strongKey = Api.form("POST", base + "/api/v1/api_key",
                Api.headers(Api.basic(strong.user().email(), strong.user().password()), strong.app().next()), Api.ALL_SCOPES);
        assertEquals(200, strongKey.statusCode(), strongKey.body());
        String strongGem = gem + "s";
        Map<String, String> headers = Api.headers(strongKey.body(), strong.app().next()); // a key made at gem signin asks for codes
        headers.put("Content-Type", "application/octet-stream");
        HttpResponse<String> quiet = Api.send("POST", base + "/api/v1/gems", headers, TestGems.gem(strongGem, "0.1.0", "ruby", false));
        assertEquals("Successfully registered gem: " + strongGem + " (0.1.0)", quiet.body());
    }

    @Test
    void offSaysNothingAndRequireRefusesWhatOffLetThrough() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-mfa-policy-");
        String database = null;
        if (ServerProcess.postgres()) {
            database = System.getProperty("gemhost.itDatabase", "gemhost_it") + "_policy";
            ServerProcess.freshPostgresDatabase(database);
        }
        Users.User none;
        Mfa.Enrolled weak;
        Mfa.Enrolled operator;
        String noneKey;
        String weakKey;
        String gem = "pol" + Long.toString(System.nanoTime(), 36);
        String org = "org" + Long.toString(System.nanoTime(), 36);

        // off: no warning, no advice; keys, a gem and a trusted publisher are made
        try (ServerProcess off = new ServerProcess("mfa-off", data, env(database, "off"))) {
            String base = off.baseUrl;
            Browser browser = new Browser(base);
            none = Users.signUp(browser);
            assertNull(browser.get("/profile/edit").doc().getElementById("mfa-policy"), "off: no advice");
            noneKey = key(base, none);
            HttpResponse<String> pushed = push(base, noneKey, gem, "0.1.0");
            assertEquals("Successfully registered gem: " + gem + " (0.1.0)", pushed.body(), "off: no warning");
            GemClient debian = new GemClient(base);
            GemClient.Result quiet = debian.push(debian.buildGem(gem, "0.2.0", Map.of()), null, noneKey);
            assertTrue(quiet.ok(), quiet.output());
            assertFalse(quiet.output().contains("[WARNING]"), quiet.output());
            Map<String, String> publisher = new LinkedHashMap<>();
            publisher.put("trusted_publisher_type", "OIDC::TrustedPublisher::GitHubAction");
            publisher.put("trusted_publisher[repository_owner]", org);
            publisher.put("trusted_publisher[repository_name]", "widget");
            publisher.put("trusted_publisher[workflow_filename]", "release.yml");
            HttpResponse<String> configured = Api.form("POST", base + "/api/v1/gems/" + gem + "/trusted_publishers", Api.headers(noneKey, null), publisher);
            assertEquals(201, configured.statusCode(), configured.body());

            weak = Mfa.enroll(new Browser(base)); // UI only
            weakKey = key(base, weak.user());

            Browser operatorBrowser = new Browser(base);
            Page signedUp = operatorBrowser.submit(operatorBrowser.get("/sign_up"), "Sign up",
                    Map.of("Email", OPERATOR, "Handle", "policyoperator", "Password", "operator password 2"));
            assertEquals("/profile/edit", signedUp.path(), signedUp.text());
            Users.followMailedLink(operatorBrowser, OPERATOR, AccountLifecycleIT.CONFIRM, "Confirm email address", Map.of());
            Page totp = operatorBrowser.get("/totp/new");
            Authenticator app = Mfa.readKey(totp);
            operatorBrowser.submit(totp, "Enable", Map.of("OTP code", app.next()));
            operatorBrowser.submit(operatorBrowser.get("/profile/edit"), "Update",
                    Map.of("MFA level", MfaLevel.UI_AND_API.label(), "OTP code", app.next()));
            operator = new Mfa.Enrolled(new Users.User(OPERATOR, "policyoperator", "operator password 2"), app, List.of());
        }

        // require, on the same data
        try (ServerProcess require = new ServerProcess("mfa-require", data, env(database, "require"))) {
            String base = require.baseUrl;

            // the API: keys made before are refused, and so is a new key; texts printed by both clients
            GemClient debian = new GemClient(base);
            GemClient.Result refused = debian.push(debian.buildGem(gem, "0.3.0", Map.of()), null, noneKey);
            assertFalse(refused.ok(), refused.output());
            assertTrue(refused.output().contains(setupRequired(base)), refused.output());
            GemClient rubygems36 = GemClient.rubygems36(base);
            GemClient.Result refused36 = rubygems36.push(debian.buildGem(gem, "0.3.0", Map.of()), null, noneKey);
            assertFalse(refused36.ok(), refused36.output());
            assertTrue(refused36.output().contains(setupRequired(base)), refused36.output());
            GemClient.Result weakRefused = debian.push(debian.buildGem(gem + "w", "0.1.0", Map.of()), null, weakKey);
            assertFalse(weakRefused.ok(), weakRefused.output());
            assertTrue(weakRefused.output().contains(levelRequired(base)), weakRefused.output());
            GemClient.Result owner = debian.run(null, Map.of("GEM_HOST_API_KEY", noneKey), "owner", gem, "--host", base, "--add", weak.user().email());
            assertFalse(owner.ok(), owner.output());
            assertTrue(owner.output().contains(setupRequired(base)), owner.output());

            assertRefused(setupRequired(base), Api.form("POST", base + "/api/v1/api_key", Api.headers(Api.basic(none.email(), none.password()), null), Api.ALL_SCOPES));
            assertRefused(levelRequired(base), Api.form("POST", base + "/api/v1/api_key", Api.headers(Api.basic(weak.user().email(), weak.user().password()), null), Api.ALL_SCOPES));
            assertRefused(setupRequired(base), Api.form("DELETE", base + "/api/v1/gems/yank", Api.headers(noneKey, null), Map.of("gem_name", gem, "version", "0.1.0")));
            assertRefused(setupRequired(base), Api.form("DELETE", base + "/api/v1/gems/" + gem + "/owners", Api.headers(noneKey, null), Map.of("email", weak.user().email())));
            assertRefused(setupRequired(base), Api.form("POST", base + "/api/v1/gems/" + gem + "/owners", Api.headers(noneKey, null), Map.of("email", weak.user().email())));
            assertEquals(200, Api.send("GET", base + "/api/v1/gems.json", Api.headers(noneKey, null), null).statusCode(), "reading is not refused");

            // a trusted publisher's key is no account: it pushes
            HttpResponse<String> exchanged = ConfigureCredentials.exchange(base,
                    OidcIssuer.shared().github.sign(OidcIssuer.shared().githubClaims(Instant.now(), org, "widget", "release.yml").build()));
            assertEquals(201, exchanged.statusCode(), exchanged.body());
            String publisherKey = ConfigureCredentials.read(exchanged.body()).getString("rubygems_api_key");
            GemClient.Result published = debian.push(debian.buildGem(gem, "0.4.0", Map.of()), null, publisherKey);
            assertTrue(published.ok(), published.output());
            assertTrue(published.output().contains("Successfully registered gem: " + gem + " (0.4.0)"), published.output());
            assertFalse(published.output().contains("[ERROR]") || published.output().contains("[WARNING]"), published.output());

            // the pages: only sign-in, the profile's MFA section and the pages that set up a factor
            Browser browser = new Browser(base);
            Page signedIn = Users.signIn(browser, none.email(), none.password());
            assertEquals("/profile/edit", signedIn.path(), signedIn.text());
            for (String page : List.of("/", "/dashboard", "/profile/api_keys", "/profile/security_log", "/profile/email", "/profile/delete",
                    "/multifactor_auth/regenerate", "/gems/" + gem + "/trusted_publishers", "/profile/pending_trusted_publishers")) {
                Page sent = browser.get(page);
                assertEquals(base + "/profile/edit#mfa", sent.redirects().get(sent.redirects().size() - 1), page + ": " + sent.redirects());
                assertEquals(200, sent.status(), page);
                assertTrue(sent.doc().getElementById("mfa-policy").text().contains("you are required to set up multi-factor authentication"), sent.text());
            }
            Page devices = browser.get("/profile/security_devices");
            assertEquals("/profile/security_devices", devices.path(), "a security key is a way to comply: " + devices.text());
            Page totp = browser.get("/totp/new");
            assertEquals("/totp/new", totp.path(), totp.text());
            Authenticator app = Mfa.readKey(totp);
            Page recovery = browser.submit(totp, "Enable", Map.of("OTP code", app.next()));
            assertEquals("/multifactor_auth/recovery", recovery.path(), recovery.text());
            Page stillWeak = browser.get("/dashboard");
            assertEquals("/profile/edit", stillWeak.path(), "UI only does not meet the policy");
            assertTrue(stillWeak.doc().getElementById("mfa-policy").text().contains("you are required to change your MFA level"), stillWeak.text());
            assertRefused(levelRequired(base), push(base, noneKey, gem, "0.5.0"));
            Page level = browser.submit(browser.get("/profile/edit"), "Update",
                    Map.of("MFA level", MfaLevel.UI_AND_GEM_SIGNIN.label(), "OTP code", app.next()));
            assertTrue(level.text().contains("Your MFA level is now"), level.text());
            assertEquals("/dashboard", browser.get("/dashboard").path(), "it complies: every page is open again");
            assertNull(browser.get("/profile/edit").doc().getElementById("mfa-policy"));
            HttpResponse<String> complying = push(base, noneKey, gem, "0.5.0");
            assertEquals(200, complying.statusCode(), complying.body());
            assertEquals("Successfully registered gem: " + gem + " (0.5.0)", complying.body(), "its old key works again");

            // the operator sees the policy and the accounts that do not meet it (the weak one)
            Browser operatorBrowser = new Browser(base);
            Page operatorOtp = Mfa.password(operatorBrowser, operator.user());
            assertEquals("/profile/edit", Mfa.otp(operatorBrowser, operatorOtp, operator.app().next()).path());
            Page admin = operatorBrowser.get("/admin");
            assertEquals(200, admin.status(), admin.text());
            String policy = admin.doc().getElementById("mfa-policy").text();
            assertTrue(policy.contains("require"), policy);
            assertTrue(policy.contains("1 account does not meet it"), policy);
        }
    }

    static void assertRefused(String text, HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(text, response.body());
    }

    static Map<String, String> env(String database, String policy) {
        Map<String, String> env = new HashMap<>(Gemhost.TEST_ENV);
        env.put("GEMHOST_MFA_POLICY", policy);
        env.put("GEMHOST_ADMIN_EMAILS", OPERATOR);
        env.put("GEMHOST_OIDC_PROVIDERS", OidcIssuer.shared().providers());
        env.put("GEMHOST_OIDC_KEY_REFETCH_S", "0");
        if (database != null) {
            env.put("GEMHOST_DB_NAME", database);
        }
        return env;
    }

    static String key(String base, Users.User user) throws Exception {
        HttpResponse<String> r = Api.form("POST", base + "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null),
                Map.of("name", "policy key", "index_rubygems", "true", "push_rubygem", "true", "yank_rubygem", "true",
                        "add_owner", "true", "remove_owner", "true", "configure_trusted_publishers", "true"));
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static HttpResponse<String> push(String base, String key, String gem, String version) throws Exception {
        Map<String, String> headers = Api.headers(key, null);
        headers.put("Content-Type", "application/octet-stream");
        return Api.send("POST", base + "/api/v1/gems", headers, TestGems.gem(gem, version, "ruby", false));
    }
}
