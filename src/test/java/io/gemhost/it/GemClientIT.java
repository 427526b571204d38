package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.GemClient.Result;
import io.gemhost.it.Mfa.Enrolled;
import io.gemhost.account.MfaLevel;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real {@code gem} client (Debian's rubygems 3.3) against the running
 * server. Codes come from the account's authenticator and, to spare the test waits for the clock,
 * from its recovery codes, which the client sends the same way.
 */
@ExtendWith(Gemhost.class)
class GemClientIT {

    static final String PROMPT = "You have enabled multi-factor authentication. Please enter OTP code.";
    static final String MISSING = "You have enabled multifactor authentication but no OTP code provided. Please fill it and retry.";
    static final AtomicInteger SEQ = new AtomicInteger();

    /** A signed-up account enrolled and set to a level through the pages. */
    record Account(Users.User user, Authenticator app, Deque<String> recovery) {

        static Account at(MfaLevel level) throws Exception {
            Browser browser = new Browser();
            Enrolled e = Mfa.enroll(browser);
            Deque<String> codes = new ArrayDeque<>(e.recoveryCodes());
            if (level != MfaLevel.UI_ONLY) {
                Page done = browser.submit(browser.get("/profile/edit"), "Update",
                        Map.of("MFA level", level.label(), "OTP code", codes.pop()));
                assertTrue(done.text().contains("Your MFA level is now " + level.label()), done.text());
            }
            return new Account(e.user(), e.app(), codes);
        }

        /** Ends this account's code windows (docs/SECURITY.md), so no earlier code can carry a later request. */
        void closeWindows() throws Exception {
            Api.closeWindows(user.email());
        }
    }

    static String gemName() {
        return "cli" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
    }

    static Path stored(String name, String version) throws Exception {
        return Gemhost.server().dataDir.resolve("gems").resolve(name + "-" + version + ".gem");
    }

    static String owners(String gem) throws Exception {
        HttpResponse<String> r = Api.send("GET", "/api/v1/gems/" + gem + "/owners.yaml", Api.headers(null, null), null);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    static void assertExit(int code, Result r) {
        assertEquals(code, r.exitCode(), r.output());
    }

    @Test
    void atUiAndApiEveryCommandAsksForACodeAndWorksWithOne() throws Exception {
        Account a = Account.at(MfaLevel.UI_AND_API);
        Users.User other = Users.signUp(new Browser());
        GemClient gem = new GemClient(Gemhost.url());

        // gem signin: prompts after the password; no code given -> exit 1, no key saved
        Result refused = gem.signin(a.user().email(), a.user().password(), null);
        assertExit(1, refused);
        assertTrue(refused.output().contains(PROMPT), refused.output());
        assertFalse(gem.storedKey().isPresent());

        Result signedIn = gem.signin(a.user().email(), a.user().password(), a.app().next());
        assertExit(0, signedIn);
        assertTrue(signedIn.output().contains(PROMPT), signedIn.output());
        assertTrue(signedIn.output().contains("Signed in with API key"), signedIn.output());
        String key = gem.storedKey().orElseThrow();
        assertTrue(key.matches("gemhost_[0-9a-f]{48}"), key);
        a.closeWindows();

        // gem push: without a code it prompts, gets nothing, exits 1; with --otp it succeeds
        String name = gemName();
        Path built = gem.buildGem(name, "0.1.0", Map.of());
        Result noCode = gem.push(built, null, null);
        assertExit(1, noCode);
        assertTrue(noCode.output().contains(MISSING), noCode.output());
        assertFalse(Files.exists(stored(name, "0.1.0")));

        Result pushed = gem.push(built, a.app().next(), null);
        assertExit(0, pushed);
        assertTrue(pushed.output().contains("Successfully registered gem: " + name + " (0.1.0)"), pushed.output());
        assertFalse(pushed.output().contains(PROMPT), "--otp needs no prompt: " + pushed.output());
        assertTrue(Files.exists(stored(name, "0.1.0")));
        a.closeWindows();

        // gem owner --add: without a code exit 1; with a prompted code the owner is added
        Result addRefused = gem.owner(name, null, "--add", other.email());
        assertExit(1, addRefused);
        assertTrue(addRefused.output().contains(PROMPT), addRefused.output());
        assertFalse(owners(name).contains(other.email()));

        Result added = gem.owner(name, a.recovery().pop() + "\n", "--add", other.email());
        assertExit(0, added);
        assertTrue(added.output().contains(PROMPT), added.output());
        assertTrue(owners(name).contains(other.email()), owners(name));
        a.closeWindows();

        // gem owner --remove: the same
        Result removeRefused = gem.owner(name, null, "--remove", other.email());
        assertExit(1, removeRefused);
        assertTrue(owners(name).contains(other.email()));

        Result removed = gem.owner(name, a.recovery().pop() + "\n", "--remove", other.email());
        assertExit(0, removed);
        assertTrue(removed.output().contains(PROMPT), removed.output());
        assertFalse(owners(name).contains(other.email()), owners(name));
        a.closeWindows();

        // gem yank: rubygems 3.3 prints the reply and exits 0 whatever the status, so the test
        // reads the reply and the stored file instead of the exit status
        Result yankRefused = gem.yank(name, "0.1.0", null);
        assertTrue(yankRefused.output().contains(MISSING), yankRefused.output());
        assertTrue(Files.exists(stored(name, "0.1.0")));

        Result yanked = gem.yank(name, "0.1.0", a.recovery().pop());
        assertExit(0, yanked);
        assertTrue(yanked.output().contains("Successfully deleted gem: " + name + " (0.1.0)"), yanked.output());
        assertFalse(Files.exists(stored(name, "0.1.0")));
    }

    @Test
    void fromAFreshHomeOnePromptedCodeCarriesTheImplicitSigninAndThePush() throws Exception {
        Account a = Account.at(MfaLevel.UI_AND_API);
        GemClient gem = new GemClient(Gemhost.url());
        String name = gemName();
        Path built = gem.buildGem(name, "1.0.0", Map.of());

        Result r = gem.pushPrompted(built, a.user().email() + "\n" + a.user().password() + "\n" + a.app().next() + "\n");

        assertExit(0, r);
        assertEquals(1, r.output().split(java.util.regex.Pattern.quote(PROMPT), -1).length - 1,
                "exactly one prompt for the code: " + r.output());
        assertTrue(r.output().contains("Successfully registered gem: " + name + " (1.0.0)"), r.output());
        assertTrue(gem.storedKey().isPresent());
        assertTrue(Files.exists(stored(name, "1.0.0")));
    }

    @Test
    void oneCodeAddsSeveralOwnersInOneCommand() throws Exception {
        Account a = Account.at(MfaLevel.UI_AND_API);
        Users.User b = Users.signUp(new Browser());
        Users.User c = Users.signUp(new Browser());
        GemClient gem = new GemClient(Gemhost.url());
        assertExit(0, gem.signin(a.user().email(), a.user().password(), a.recovery().pop()));
        String name = gemName();
        String key = gem.storedKey().orElseThrow();
        a.closeWindows();
        assertExit(0, gem.push(gem.buildGem(name, "0.0.1", Map.of()), a.recovery().pop(), key));
        a.closeWindows();

        Result r = gem.owner(name, a.app().next() + "\n", "--add", b.email(), "--add", c.handle());

        assertExit(0, r);
        assertEquals(1, r.output().split(java.util.regex.Pattern.quote(PROMPT), -1).length - 1, r.output());
        String owners = owners(name);
        assertTrue(owners.contains(b.email()) && owners.contains(c.email()), owners);
    }

    @Test
    void atUiOnlyPushNeedsNoCodeAndNoPrompt() throws Exception {
        Account a = Account.at(MfaLevel.UI_ONLY);
        GemClient gem = new GemClient(Gemhost.url());
        Result signedIn = gem.signin(a.user().email(), a.user().password(), null);
        assertExit(0, signedIn);
        assertFalse(signedIn.output().contains(PROMPT), signedIn.output());
        String name = gemName();

        Result r = gem.push(gem.buildGem(name, "2.0.0", Map.of()), null, null);

        assertExit(0, r);
        assertFalse(r.output().contains(PROMPT), r.output());
        assertTrue(Files.exists(stored(name, "2.0.0")));
    }

    @Test
    void aGemThatRequiresMfaRefusesAnOwnerAtUiOnlyAndAcceptsOneAtUiAndApiWithACode() throws Exception {
        Account strict = Account.at(MfaLevel.UI_AND_API);
        Account lax = Account.at(MfaLevel.UI_ONLY);
        GemClient strictGem = new GemClient(Gemhost.url());
        assertExit(0, strictGem.signin(strict.user().email(), strict.user().password(), strict.recovery().pop()));
        strict.closeWindows();
        String name = gemName();
        Map<String, String> mfaRequired = Map.of("rubygems_mfa_required", "true");
        assertExit(0, strictGem.push(strictGem.buildGem(name, "1.0.0", mfaRequired), strict.recovery().pop(), null));
        strict.closeWindows();
        assertExit(0, strictGem.owner(name, strict.recovery().pop() + "\n", "--add", lax.user().email()));

        GemClient laxGem = new GemClient(Gemhost.url());
        assertExit(0, laxGem.signin(lax.user().email(), lax.user().password(), null));
        Result refused = laxGem.push(laxGem.buildGem(name, "1.0.1", mfaRequired), null, null);
        assertExit(1, refused);
        assertTrue(refused.output().contains("Rubygem requires owners to enable MFA. You must enable MFA before pushing new version."),
                refused.output());
        assertFalse(Files.exists(stored(name, "1.0.1")));

        strict.closeWindows();
        Result accepted = strictGem.push(strictGem.buildGem(name, "1.0.1", mfaRequired), strict.app().next(), null);
        assertExit(0, accepted);
        assertTrue(Files.exists(stored(name, "1.0.1")));
    }

    /**
     * Keys made with terms (docs/API.md): both clients, Debian's RubyGems 3.3 and RubyGems 3.6,
     * print the server's sentence for a one-gem key on another gem, an expired key, and a one-gem
     * key whose account lost its gem, and exit 1.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "RubyGems {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"3.3", "3.6"})
    void theClientPrintsTheRefusalOfAKeyWithTerms(String version) throws Exception {
        Users.User user = Users.signUp(new Browser());
        Users.User friend = Users.signUp(new Browser());
        GemClient gem = version.equals("3.3") ? new GemClient(Gemhost.url()) : GemClient.rubygems36(Gemhost.url());
        String full = ApiKeyTermsIT.key(user, Api.ALL_SCOPES);
        String mine = gemName();
        String other = gemName();
        assertEquals(200, ApiKeyTermsIT.push(full, mine, "1.0.0").statusCode());
        assertEquals(200, ApiKeyTermsIT.push(full, other, "1.0.0").statusCode());
        String one = ApiKeyTermsIT.key(user, ApiKeyTermsIT.with(Api.ALL_SCOPES, "rubygem_name", mine,
                "expires_at", java.time.Instant.now().plusSeconds(300).toString()));

        Result otherGem = gem.push(gem.buildGem(other, "1.1.0", Map.of()), null, one);
        assertExit(1, otherGem);
        assertTrue(otherGem.output().contains(ApiKeyTermsIT.OTHER_GEM), otherGem.output());
        assertFalse(Files.exists(stored(other, "1.1.0")));
        Result pushed = gem.push(gem.buildGem(mine, "1.1.0", Map.of()), null, one);
        assertExit(0, pushed);

        String friendsKey = ApiKeyTermsIT.key(friend, Api.ALL_SCOPES);
        assertEquals(200, Api.form("POST", "/api/v1/gems/" + mine + "/owners", Api.headers(full, null), Map.of("email", friend.email())).statusCode());
        assertEquals(200, Api.form("DELETE", "/api/v1/gems/" + mine + "/owners", Api.headers(friendsKey, null), Map.of("email", user.email())).statusCode());
        Result invalid = gem.push(gem.buildGem(mine, "1.2.0", Map.of()), null, one);
        assertExit(1, invalid);
        assertTrue(invalid.output().contains(ApiKeyTermsIT.INVALID), invalid.output());

        StoredKeys.expire(one);
        Result expired = gem.push(gem.buildGem(mine, "1.3.0", Map.of()), null, one);
        assertExit(1, expired);
        assertTrue(expired.output().contains(ApiKeyTermsIT.access()), expired.output());
        assertFalse(Files.exists(stored(mine, "1.3.0")));
    }
}
