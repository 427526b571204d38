package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.OtherAddress;
import io.gemhost.it.Users.User;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Security keys and passkeys as a person uses them in Chromium, with Chromium's virtual
 * authenticator (CTAP2, internal transport, resident keys): registering, the second step of
 * sign-in, passkey sign-in, deleting a key, changing the level, the refusals (another account's
 * key, no user verification, a replayed assertion, a counter that goes backwards), and a
 * keys-only account at "UI and API" through the command line's verification page.
 */
@ExtendWith(Gemhost.class)
public class SecurityKeysBrowserIT {

    static final String MISSING = "Enter the code from your authenticator app or a recovery code, or use your security device.";

    public static VirtualAuthenticatorOptions authenticator(boolean userVerified) {
        return new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
                .setHasUserVerification(true).setIsUserVerified(userVerified).setIsUserConsenting(true);
    }

    /** Signs up in Chromium (the address stays unconfirmed); the browser is then signed in. */
    public static void signUp(Chrome chrome, User user) {
        chrome.open("/sign_up");
        chrome.type("Email", user.email());
        chrome.type("Handle", user.handle());
        chrome.type("Password", user.password());
        chrome.press("Sign up");
        assertEquals("/profile/edit", chrome.path(), chrome.text());
    }

    static void signInWithPassword(Chrome chrome, User user) {
        chrome.open("/sign_in");
        chrome.type("Email", user.email());
        chrome.type("Password", user.password());
        chrome.press("Sign in");
    }

    static final String CURRENT = "Current second factor: app code, recovery code or security device";

    /** Registers the account's first key on the security devices page (MFA off: no current factor is asked). */
    static void registerKey(Chrome chrome, String nickname) {
        chrome.open("/profile/security_devices");
        chrome.type("Nickname", nickname);
        chrome.clickAndWait(By.id("register-device"));
    }

    /** With MFA on: Nickname, Register device, then the focused step that asks the current factor once. */
    static void startRegisteringAnother(Chrome chrome, String nickname) {
        chrome.open("/profile/security_devices");
        assertEquals(0, labelled(chrome, CURRENT), "the factor is asked only once the person acts: " + chrome.text());
        assertEquals(1, registerButtons(chrome), "one Register device button: " + chrome.text());
        chrome.type("Nickname", nickname);
        chrome.press("Register device");
        assertEquals("/profile/security_devices", chrome.path(), chrome.text());
        assertEquals(1, labelled(chrome, CURRENT), "the focused step asks the current factor once: " + chrome.text());
        assertEquals(1, registerButtons(chrome), chrome.text());
        assertTrue(chrome.text().contains(nickname), chrome.text());
    }

    /** How many fields of the page carry this label. */
    static long labelled(Chrome chrome, String label) {
        return chrome.driver.findElements(By.xpath("//label[normalize-space()='" + label + "']")).size();
    }

    /** How many buttons named Register device a person sees. */
    static long registerButtons(Chrome chrome) {
        return chrome.driver.findElements(By.xpath("//input[@type='submit' and @value='Register device'] | //button[normalize-space()='Register device']"))
                .stream().filter(e -> e.isDisplayed()).count();
    }

    static void useKeyOnSecondStep(Chrome chrome) {
        assertEquals("/sign_in/otp", chrome.path(), chrome.text());
        assertTrue(chrome.text().contains("Use security device"), chrome.text());
        chrome.clickAndWait(By.id("use-key"));
    }

    static List<String> devices(Chrome chrome) {
        chrome.open("/profile/security_devices");
        return chrome.driver.findElements(By.cssSelector("tr.security-device td.nickname")).stream().map(e -> e.getText()).toList();
    }

    @Test
    void twoKeysEachSignsInThenLevelChangeAndDeleteWithAKey() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            VirtualAuthenticator device = chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, user);
            registerKey(chrome, "Blue key");
            assertEquals("/multifactor_auth/recovery", chrome.path(), "the first factor turns MFA on and shows the codes: " + chrome.text());
            assertEquals(10, chrome.driver.findElements(By.cssSelector("#recovery-codes code")).size());
            assertEquals(List.of("Blue key"), devices(chrome));

            // the profile is an overview: one line per factor, and no current-factor field but the level's OTP code
            chrome.open("/profile/edit");
            assertTrue(chrome.text().contains("UI only"), chrome.text());
            assertEquals(1, labelled(chrome, "OTP code"), chrome.text());
            assertEquals(0, labelled(chrome, CURRENT), chrome.text());
            assertEquals(0, registerButtons(chrome), chrome.text());
            assertTrue(chrome.driver.findElement(By.id("devices-line")).getText().contains("1"), chrome.text());
            assertTrue(chrome.driver.findElement(By.id("authenticator-line")).getText().contains("Off"), chrome.text());
            assertTrue(chrome.driver.findElement(By.id("recovery-codes-left")).getText().contains("10"), chrome.text());
            chrome.link("Security devices");
            assertEquals("/profile/security_devices", chrome.path(), chrome.text());

            // a second key: Register device, then prove the current factor with the first, then the new one
            startRegisteringAnother(chrome, "Green key");
            chrome.click(By.id("confirm-use-key"));
            chrome.filled("confirm:current");
            List<Credential> blue = device.getCredentials();
            device.removeAllCredentials(); // the new key lives on "another device": the first is excluded from registering again
            chrome.clickAndWait(By.id("register-device"));
            assertTrue(chrome.text().contains("Security device \"Green key\" is registered"), chrome.text());
            assertEquals(List.of("Blue key", "Green key"), devices(chrome));
            List<Credential> green = device.getCredentials();
            assertEquals(1, green.size());

            chrome.press("Sign out");
            signInWithPassword(chrome, user);
            useKeyOnSecondStep(chrome);
            assertEquals("/profile/edit", chrome.path(), "signed in with the green key: " + chrome.text());

            chrome.press("Sign out");
            device.removeAllCredentials();
            blue.forEach(device::addCredential);
            signInWithPassword(chrome, user);
            useKeyOnSecondStep(chrome);
            assertEquals("/profile/edit", chrome.path(), "signed in with the blue key: " + chrome.text());

            // level change with a key
            new Select(chrome.field("MFA level")).selectByVisibleText("UI and API");
            chrome.clickAndWait(By.id("mfa-use-key"));
            assertTrue(chrome.text().contains("UI and API"), chrome.text());
            try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT mfa_level FROM account WHERE email = ?")) {
                s.setString(1, user.email());
                var rs = s.executeQuery();
                assertTrue(rs.next());
                assertEquals("ui_and_api", rs.getString(1));
            }

            // deleting a key takes a current factor, asked after pressing Delete: without one it stays
            chrome.open("/profile/security_devices");
            assertEquals(0, labelled(chrome, CURRENT), chrome.text());
            chrome.clickAndWait(By.xpath("//tr[td[normalize-space()='Green key']]//input[@value='Delete']"));
            assertEquals(1, labelled(chrome, CURRENT), "the focused step asks the current factor once: " + chrome.text());
            assertTrue(chrome.text().contains("Green key"), chrome.text());
            chrome.press("Delete");
            assertTrue(chrome.text().contains(MISSING), chrome.text());
            assertEquals(1, labelled(chrome, CURRENT), "still the focused step: " + chrome.text());
            assertEquals(List.of("Blue key", "Green key"), devices(chrome));
            chrome.clickAndWait(By.xpath("//tr[td[normalize-space()='Green key']]//input[@value='Delete']"));
            chrome.clickAndWait(By.id("confirm-use-key"));
            assertTrue(chrome.text().contains("The security device was deleted"), chrome.text());
            assertEquals(List.of("Blue key"), devices(chrome));
            String log = securityLog(chrome);
            assertTrue(log.contains("Security device registered") && log.contains("Security device deleted"), log);
            Outbox.await(Gemhost.server(), user.email(), "gemhost: Security device deleted");
        }
    }

    @Test
    void passkeySignsInWithoutThePasswordButNotWithoutUserVerification() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            VirtualAuthenticator device = chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, user);
            registerKey(chrome, "Laptop");
            chrome.open("/profile/edit");
            chrome.press("Sign out");

            chrome.open("/sign_in");
            chrome.clickAndWait(By.id("passkey-button"));
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            assertEquals(user.handle(), chrome.driver.findElement(By.id("current-handle")).getText());
            chrome.press("Sign out");

            device.setUserVerified(false); // possession alone: the device does not check its PIN or fingerprint
            chrome.open("/sign_in");
            editOptions(chrome, "passkey-button", "o.userVerification = 'discouraged';"); // a client that ignores the site's demand
            chrome.clickAndWait(By.id("passkey-button"));
            assertEquals("/sign_in", chrome.path());
            assertTrue(chrome.text().contains("That passkey was not accepted"), chrome.text());
            assertTrue(chrome.driver.findElements(By.id("current-handle")).isEmpty());
        }
    }

    /**
     * A stranger who knows a passkey's credential id (the command line's verification page lists
     * it) and the account's user handle sends forged assertions to passkey sign-in from another
     * address. Nothing of theirs verifies, so none of it may pause or lock the owner's second
     * factor: the owner still signs in with the passkey, while the stranger's address is paused.
     */
    @Test
    void forgedPasskeyAssertionsPauseTheirSenderNotTheOwner() throws Exception {
        User owner = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, owner);
            registerKey(chrome, "Laptop");
            chrome.open("/profile/edit");
            chrome.press("Sign out");
            long account = AccountLifecycleIT.accountId(owner.email());
            String credentialId;
            String userHandle;
            try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT credential_id, user_handle FROM security_key WHERE account_id = ?")) {
                s.setLong(1, account);
                var rs = s.executeQuery();
                assertTrue(rs.next());
                credentialId = rs.getString(1);
                userHandle = rs.getString(2);
            }

            OtherAddress stranger = new OtherAddress("127.0.0.2");
            List<String> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(forgePasskeySignIn(stranger, credentialId, userHandle));
            }
            for (int i = 0; i < 10; i++) {
                assertTrue(answers.get(i).contains("That passkey was not accepted"), i + ": " + answers.get(i));
            }
            assertTrue(answers.get(10).contains("Too many wrong codes") && answers.get(11).contains("Too many wrong codes"),
                    "the stranger is paused after ten: " + answers.subList(10, 12));
            try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT failures, blocked_until FROM throttle WHERE throttle_key = ?")) {
                s.setString(1, "mfa:" + account);
                var rs = s.executeQuery();
                assertTrue(!rs.next() || (rs.getInt(1) == 0 && rs.getLong(2) == 0),
                        "the owner's second-factor throttle counted the stranger's forgeries");
            }

            chrome.open("/sign_in");
            chrome.clickAndWait(By.id("passkey-button"));
            assertEquals("/profile/edit", chrome.path(), "the owner signs in with the passkey: " + chrome.text());
            assertTrue(forgePasskeySignIn(stranger, credentialId, userHandle).contains("Too many wrong codes"),
                    "the owner's sign-in does not lift the stranger's pause");
        }
    }

    /** One passkey sign-in from this client with a well-formed assertion for this credential whose signature is made up; returns the page's text. */
    static String forgePasskeySignIn(OtherAddress client, String credentialId, String userHandle) throws Exception {
        org.jsoup.nodes.Document page = client.get("/sign_in").doc(Gemhost.url());
        String options = page.getElementById("passkey-button").attr("data-options");
        String challenge = jakarta.json.Json.createReader(new java.io.StringReader(options)).readObject().getString("challenge");
        org.jsoup.nodes.Element form = page.getElementById("passkey");
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (org.jsoup.nodes.Element input : form.select("input[name]")) {
            if (!input.attr("type").equals("submit")) {
                fields.put(input.attr("name"), input.val());
            }
        }
        org.jsoup.nodes.Element submit = form.selectFirst("input[type=submit]");
        fields.put(submit.attr("name"), submit.attr("value"));
        fields.put("passkey:response", forgedAssertion(credentialId, userHandle, challenge));
        OtherAddress.Answer answer = client.post(java.net.URI.create(form.absUrl("action")).getRawPath(), fields);
        assertTrue(answer.status() < 500, answer.status() + " " + answer.body());
        return org.jsoup.Jsoup.parse(answer.body()).text();
    }

    /** A passkey assertion as a browser would send it, over this challenge and origin, by this credential, with a signature of random numbers. */
    static String forgedAssertion(String credentialId, String userHandle, String challenge) throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String clientData = "{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + Gemhost.url() + "\",\"crossOrigin\":false}";
        byte[] rpIdHash = java.security.MessageDigest.getInstance("SHA-256").digest("localhost".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] authenticatorData = java.nio.ByteBuffer.allocate(37).put(rpIdHash).put((byte) 0x05).putInt(1_000_000).array(); // user present and verified
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] r = new byte[32];
        byte[] s = new byte[32];
        random.nextBytes(r);
        random.nextBytes(s);
        r[0] = (byte) ((r[0] & 0x3f) | 0x10); // positive, minimal DER integers
        s[0] = (byte) ((s[0] & 0x3f) | 0x10);
        byte[] signature = java.nio.ByteBuffer.allocate(70).put(new byte[] {0x30, 0x44, 0x02, 0x20}).put(r).put(new byte[] {0x02, 0x20}).put(s).array();
        return "{\"id\":\"" + credentialId + "\",\"rawId\":\"" + credentialId + "\",\"type\":\"public-key\",\"authenticatorAttachment\":\"platform\","
                + "\"response\":{\"clientDataJSON\":\"" + b64.encodeToString(clientData.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\",\"authenticatorData\":\"" + b64.encodeToString(authenticatorData) + "\",\"signature\":\"" + b64.encodeToString(signature)
                + "\",\"userHandle\":\"" + userHandle + "\"},\"clientExtensionResults\":{}}";
    }

    @Test
    void anotherAccountsKeyAReplayedAssertionAndABackwardsCounterAreRefused() throws Exception {
        User owner = Users.fresh();
        User other = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            VirtualAuthenticator device = chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, other);
            registerKey(chrome, "Other's key");
            chrome.open("/profile/edit");
            chrome.press("Sign out");
            List<Credential> othersKey = device.getCredentials();
            device.removeAllCredentials();

            signUp(chrome, owner);
            registerKey(chrome, "Owner's key");
            chrome.open("/profile/edit");
            chrome.press("Sign out");
            List<Credential> ownersKey = device.getCredentials();

            // another account's key: the browser offers it (it holds no other), the server refuses it
            device.removeAllCredentials();
            othersKey.forEach(device::addCredential);
            signInWithPassword(chrome, owner);
            assertEquals("/sign_in/otp", chrome.path());
            editOptions(chrome, "use-key", "delete o.allowCredentials;"); // the browser would offer only this account's keys
            String othersAssertion = assertionWithoutSubmitting(chrome, "use-key", "form:otp");
            assertTrue(othersAssertion.contains("\"userHandle\""), "a resident key sends its user handle");
            chrome.press("Verify");
            assertEquals("/sign_in/otp", chrome.path(), "another account's key is refused: " + chrome.text());
            assertTrue(chrome.text().contains("incorrect"), chrome.text());

            // a replayed assertion: accepted once, refused the second time (its challenge is spent)
            device.removeAllCredentials();
            ownersKey.forEach(device::addCredential);
            chrome.open("/sign_in/otp");
            String assertion = assertionWithoutSubmitting(chrome, "use-key", "form:otp");
            chrome.press("Verify");
            assertEquals("/profile/edit", chrome.path(), chrome.text());
            chrome.press("Sign out");
            signInWithPassword(chrome, owner);
            chrome.driver.executeScript("document.getElementById('form:otp').value = arguments[0];", assertion);
            chrome.press("Verify");
            assertEquals("/sign_in/otp", chrome.path(), "a replayed assertion is refused: " + chrome.text());

            // a counter that goes backwards (the stored one is ahead of the device's): refused and logged
            try (Connection db = Gemhost.server().db(); var s = db.prepareStatement(
                    "UPDATE security_key SET sign_count = 1000000 WHERE account_id = (SELECT id FROM account WHERE email = ?)")) {
                s.setString(1, owner.email());
                assertEquals(1, s.executeUpdate());
            }
            chrome.clickAndWait(By.id("use-key"));
            assertEquals("/sign_in/otp", chrome.path(), "a backwards counter is refused: " + chrome.text());
            try (Connection db = Gemhost.server().db(); var s = db.prepareStatement(
                    "SELECT COUNT(*) FROM security_event WHERE kind = 'SECURITY_KEY_COUNTER' AND account_id = (SELECT id FROM account WHERE email = ?)")) {
                s.setString(1, owner.email());
                var rs = s.executeQuery();
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void keysOnlyAccountAtUiAndApiUsesTheCommandLinePage() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, user);
            registerKey(chrome, "Only key");
            chrome.open("/profile/edit");
            new Select(chrome.field("MFA level")).selectByVisibleText("UI and API");
            chrome.clickAndWait(By.id("mfa-use-key"));
            chrome.press("Sign out");

            String basic = Api.basic(user.email(), user.password());
            HttpResponse<String> refused = Api.form("POST", "/api/v1/api_key", Api.headers(basic, null), Api.ALL_SCOPES);
            assertEquals(401, refused.statusCode());
            HttpResponse<String> started = Api.send("POST", "/api/v1/webauthn_verification", Api.headers(basic, null), null);
            assertEquals(200, started.statusCode(), started.body());
            String url = started.body().strip();
            assertTrue(url.startsWith(Gemhost.url() + "/webauthn_verification/"), url);
            String token = url.substring(url.lastIndexOf('/') + 1);
            String status = "/api/v1/webauthn_verification/" + token + "/status.json";
            assertTrue(Api.send("GET", status, Api.headers(basic, null), null).body().contains("\"pending\""));

            chrome.driver.get(url); // no port: the page just says it worked, the poller fetches the code
            chrome.clickAndWait(By.id("authenticate"));
            assertTrue(chrome.text().contains("Success!"), chrome.text());
            String body = Api.send("GET", status, Api.headers(basic, null), null).body();
            assertTrue(body.contains("\"success\""), body);
            String code = body.replaceAll(".*\"code\":\"([0-9a-f]+)\".*", "$1");

            HttpResponse<String> created = Api.form("POST", "/api/v1/api_key", Api.headers(basic, code), Api.ALL_SCOPES);
            assertEquals(200, created.statusCode(), created.body());
            Api.closeWindows(user.email());
            assertEquals(401, Api.form("POST", "/api/v1/api_key", Api.headers(basic, code), Api.ALL_SCOPES).statusCode(),
                    "the code is single use");
            assertTrue(Api.send("GET", status, Api.headers(basic, null), null).body().contains("\"expired\""));
            chrome.driver.get(url);
            assertTrue(chrome.text().contains("expired or has been used"), "the page's token is single use: " + chrome.text());
        }
    }

    /**
     * The attack on the command line's code: knowing only the password, a stranger starts the
     * command line's flow, the owner touches the key on the genuine page, and the stranger reads
     * the code from status.json. The code is refused at every browser door (the second sign-in
     * step, a level change to Disabled, regenerating recovery codes, a new authenticator app, a
     * new security key), and still serves the one API command it was made for.
     */
    @Test
    void theCommandLinesCodeServesTheApiAndNoBrowserForm() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            VirtualAuthenticator device = chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, user);
            registerKey(chrome, "Owner's key");
            chrome.open("/profile/edit");
            new Select(chrome.field("MFA level")).selectByVisibleText("UI and API");
            chrome.clickAndWait(By.id("mfa-use-key"));
            assertEquals("ui_and_api", level(user));
            // the owner's browser stays signed in: below it also plays a stolen session cookie

            String basic = Api.basic(user.email(), user.password());
            String token = startCommandLine(Api.headers(basic, null));
            touchOnPage(chrome, token);
            String code = polledCode(token, Api.headers(basic, null));

            Browser stranger = new Browser(Gemhost.url());
            Browser.Page second = Users.signIn(stranger, user.email(), user.password());
            assertEquals("/sign_in/otp", second.path(), second.text());
            Browser.Page refused = stranger.submit(second, "Verify", Map.of("OTP code", code));
            assertEquals("/sign_in/otp", refused.path(), "the command line's code signed a browser in: " + refused.text());
            assertTrue(refused.text().contains("incorrect"), refused.text());

            chrome.open("/profile/edit");
            new Select(chrome.field("MFA level")).selectByVisibleText("Disabled");
            chrome.type("OTP code", code);
            chrome.press("Update");
            assertEquals("ui_and_api", level(user), "the command line's code changed the level: " + chrome.text());

            chrome.open("/multifactor_auth/regenerate");
            chrome.type("OTP code", code);
            chrome.press("Regenerate");
            assertTrue(chrome.driver.findElements(By.cssSelector("#recovery-codes code")).isEmpty(),
                    "the command line's code regenerated the recovery codes: " + chrome.text());

            chrome.open("/totp/new");
            Authenticator app = new Authenticator(chrome.driver.findElement(By.id("totp-key")).getText());
            chrome.type("Current OTP code or recovery code", code);
            chrome.type("OTP code", app.next());
            chrome.press("Enable");
            assertFalse(chrome.text().contains("Your authenticator app is registered"),
                    "the command line's code registered an authenticator app: " + chrome.text());

            List<Credential> owners = device.getCredentials();
            device.removeAllCredentials(); // the stranger's key, on another device
            startRegisteringAnother(chrome, "Stranger's key");
            chrome.type(CURRENT, code);
            chrome.clickAndWait(By.id("register-device"));
            assertEquals(List.of("Owner's key"), devices(chrome), "the command line's code registered a key: " + chrome.text());
            device.removeAllCredentials();
            owners.forEach(device::addCredential);

            HttpResponse<String> signin = Api.form("POST", "/api/v1/api_key", Api.headers(basic, code), Api.ALL_SCOPES);
            assertEquals(200, signin.statusCode(), "the code serves the API command it was made for: " + signin.body());
        }
    }

    /**
     * A token answers its poller only for the credential that started it: that API key, or the
     * password. Another key of the same account, or the password for a key's token, learns what
     * it would for a token that does not exist, before and after the key was used.
     */
    @Test
    void onlyTheCredentialThatStartedATokenMayPollIt() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, user);
            registerKey(chrome, "Only key"); // UI only: gem signin needs no second factor
            Map<String, String> password = Api.headers(Api.basic(user.email(), user.password()), null);
            Map<String, String> first = Api.headers(newKey(password), null);
            Map<String, String> second = Api.headers(newKey(password), null);
            String unknown = answer(status("A".repeat(43)), first);

            String keys = startCommandLine(first);
            assertTrue(answer(status(keys), first).contains("\"pending\""), answer(status(keys), first));
            assertEquals(unknown, answer(status(keys), second), "another key of the account polled the token");
            assertEquals(unknown, answer(status(keys), password), "the password polled a key's token");

            String passwords = startCommandLine(password);
            assertTrue(answer(status(passwords), password).contains("\"pending\""));
            assertEquals(unknown, answer(status(passwords), first), "a key polled the password's token");

            touchOnPage(chrome, keys);
            assertEquals(unknown, answer(status(keys), second), "another key read the code");
            assertEquals(unknown, answer(status(keys), password), "the password read a key's code");
            assertTrue(answer(status(keys), first).contains("\"success\""), answer(status(keys), first));
        }
    }

    /**
     * The command line's page says who asked, so an owner can tell a request they did not start:
     * the account's handle, the address and client (User-Agent, shortened, as text) of the
     * request, the credential it gave, and when.
     */
    @Test
    void theCommandLinesPageSaysWhoAsked() throws Exception {
        User user = Users.fresh();
        try (Chrome chrome = new Chrome(Gemhost.url())) {
            chrome.driver.addVirtualAuthenticator(authenticator(true));
            signUp(chrome, user);
            registerKey(chrome, "Only key");
            chrome.open("/profile/edit");
            chrome.press("Sign out");
            Map<String, String> headers = Api.headers(Api.basic(user.email(), user.password()), null);
            String agent = "Ruby, RubyGems/3.6.9 x86_64-linux <b id=\"injected\">bold</b> " + "x".repeat(400);
            headers.put("User-Agent", agent);
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String token = startCommandLine(headers);

            chrome.open("/webauthn_verification/" + token);
            assertEquals(user.handle(), chrome.driver.findElement(By.id("asked-account")).getText());
            String address = chrome.driver.findElement(By.id("asked-address")).getText();
            assertTrue(List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1").contains(address), "the address that asked: " + address);
            String client = chrome.driver.findElement(By.id("asked-client")).getText();
            assertTrue(client.startsWith("Ruby, RubyGems/3.6.9 x86_64-linux <b id=\"injected\">bold</b> xxx"), client);
            assertTrue(client.length() <= 120, "shortened: " + client.length());
            assertTrue(chrome.driver.findElements(By.id("injected")).isEmpty(), "the client's words are text, not markup");
            assertTrue(chrome.driver.findElement(By.id("asked-credential")).getText().contains("password"),
                    chrome.driver.findElement(By.id("asked-credential")).getText());
            Instant at = Instant.from(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC)
                    .parse(chrome.driver.findElement(By.id("asked-at")).getText()));
            assertFalse(at.isBefore(before) || at.isAfter(Instant.now()), at + " is not when the request came");
            assertTrue(chrome.driver.findElement(By.id("authenticate")).isDisplayed(), "the page still offers the key");
        }
    }

    /** POST /api/v1/webauthn_verification with these headers; the token of the URL it answers. */
    static String startCommandLine(Map<String, String> headers) throws Exception {
        HttpResponse<String> started = Api.send("POST", "/api/v1/webauthn_verification", headers, null);
        assertEquals(200, started.statusCode(), started.body());
        String url = started.body().strip();
        assertTrue(url.startsWith(Gemhost.url() + "/webauthn_verification/"), url);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The owner opens the token's page (no port: the poller fetches the code) and touches the key. */
    static void touchOnPage(Chrome chrome, String token) {
        chrome.open("/webauthn_verification/" + token);
        chrome.clickAndWait(By.id("authenticate"));
        assertTrue(chrome.text().contains("Success!"), chrome.text());
    }

    static String polledCode(String token, Map<String, String> headers) throws Exception {
        String body = answer(status(token), headers);
        assertTrue(body.contains("\"success\""), body);
        return body.replaceAll(".*\"code\":\"([0-9a-f]+)\".*", "$1");
    }

    static String status(String token) {
        return "/api/v1/webauthn_verification/" + token + "/status.json";
    }

    /** Status and body of a GET, as one string to compare. */
    static String answer(String path, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = Api.send("GET", path, headers, null);
        return response.statusCode() + " " + response.body();
    }

    /** A new API key with every scope, made with the password (gem signin). */
    static String newKey(Map<String, String> password) throws Exception {
        Map<String, String> form = new java.util.HashMap<>(Api.ALL_SCOPES);
        form.put("name", "key " + System.nanoTime());
        HttpResponse<String> created = Api.form("POST", "/api/v1/api_key", password, form);
        assertEquals(200, created.statusCode(), created.body());
        return created.body();
    }

    static String level(User user) throws Exception {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT mfa_level FROM account WHERE email = ?")) {
            s.setString(1, user.email());
            var rs = s.executeQuery();
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    /** Changes the options a key button carries (o), as a tampering client would. */
    static void editOptions(Chrome chrome, String button, String change) {
        chrome.driver.executeScript("var b = document.getElementById(arguments[0]); var o = JSON.parse(b.getAttribute('data-options')); "
                + change + " b.setAttribute('data-options', JSON.stringify(o));", button);
    }

    /** Runs the key button of a form but keeps its form from submitting; returns the response it wrote. */
    static String assertionWithoutSubmitting(Chrome chrome, String button, String field) {
        chrome.driver.executeScript("document.getElementById(arguments[0]).removeAttribute('data-submit');", button);
        chrome.click(By.id(button));
        return chrome.filled(field);
    }

    static String securityLog(Chrome chrome) {
        chrome.open("/profile/security_log");
        return chrome.text();
    }
}
