package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import io.gemhost.account.MfaLevel;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.MfaPolicy.Action;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The level table: every level × every API action × {no OTP, wrong OTP, a correct code, the
 * same code within its window, the same code after it, a recovery code}, asserting status and
 * exact body. Each (level, action) gets a fresh account so codes never run out.
 */
@ExtendWith(Gemhost.class)
class ApiLevelsIT {

    static final String MISSING = "You have enabled multifactor authentication but no OTP code provided. Please fill it and retry.";
    static final String INCORRECT = "Your OTP code is incorrect. Please check it and retry.";
    static final AtomicInteger GEMS = new AtomicInteger();

    static java.util.stream.Stream<Arguments> cells() {
        java.util.List<Arguments> all = new java.util.ArrayList<>();
        for (MfaLevel level : MfaLevel.values()) {
            for (Action action : new Action[] {Action.API_KEY_SIGNIN, Action.PUSH, Action.YANK, Action.OWNER_ADD, Action.OWNER_REMOVE, Action.OWNERS_LIST}) {
                all.add(Arguments.of(level, action));
            }
        }
        return all.stream();
    }

    /** An account at a level, with a key, a gem, a second user, and codes to spend. */
    static final class Setup {
        final Users.User user;
        final Users.User other;
        final Authenticator app;
        final Deque<String> recovery = new ArrayDeque<>();
        final MfaLevel level;
        final String key;
        final boolean keyMfa;
        final String gem = "lvl" + Long.toString(System.nanoTime(), 36) + GEMS.incrementAndGet();
        int version = 0;

        Setup(MfaLevel level) throws Exception {
            this.level = level;
            Browser browser = new Browser();
            other = Users.signUp(new Browser());
            if (level == MfaLevel.DISABLED) {
                user = Users.signUp(browser);
                app = null;
            } else {
                Enrolled e = Mfa.enroll(browser);
                user = e.user();
                app = e.app();
                recovery.addAll(e.recoveryCodes());
                if (level != MfaLevel.UI_ONLY) {
                    Page done = browser.submit(browser.get("/profile/edit"), "Update", Map.of("MFA level", level.label(), "OTP code", recovery.pop()));
                    assertTrue(done.text().contains("Your MFA level is now " + level.label()), done.text());
                }
            }
            HttpResponse<String> created = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), setupCode()), Api.ALL_SCOPES);
            assertEquals(200, created.statusCode(), created.body());
            key = created.body();
            assertTrue(key.matches("gemhost_[0-9a-f]{48}"), key);
            keyMfa = level == MfaLevel.UI_AND_GEM_SIGNIN || level == MfaLevel.UI_AND_API;
            closeWindows();
        }

        /** A fresh code for setup requests: its window only ever lets that same code through. */
        String setupCode() {
            return level == MfaLevel.DISABLED ? null : recovery.pop();
        }

        void closeWindows() throws Exception {
            Api.closeWindows(user.email());
        }

        HttpResponse<String> push(String otp) throws Exception {
            version++;
            return Api.send("POST", "/api/v1/gems", withType(Api.headers(key, otp)), TestGems.gem(gem, "1.0." + version, "ruby", false));
        }

        HttpResponse<String> perform(Action action, String otp) throws Exception {
            return switch (action) {
                case API_KEY_SIGNIN -> Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), otp), Api.ALL_SCOPES);
                case PUSH -> push(otp);
                case YANK -> Api.form("DELETE", "/api/v1/gems/yank", Api.headers(key, otp), Map.of("gem_name", gem, "version", "1.0." + version));
                case OWNER_ADD -> Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(key, otp), Map.of("email", other.email()));
                case OWNER_REMOVE -> Api.form("DELETE", "/api/v1/gems/" + gem + "/owners", Api.headers(key, otp), Map.of("email", other.handle()));
                case OWNERS_LIST -> Api.send("GET", "/api/v1/gems/" + gem + "/owners.yaml", Api.headers(otp == null ? null : key, otp), null);
                default -> throw new IllegalArgumentException(action.name());
            };
        }

        /** Puts the gem in the state where the action can succeed (a version to yank, an owner to remove...). */
        void prepare(Action action) throws Exception {
            String code = setupCode();
            switch (action) {
                case PUSH, API_KEY_SIGNIN, OWNERS_LIST -> { }
                case YANK -> assertEquals(200, push(code).statusCode());
                case OWNER_ADD -> Api.form("DELETE", "/api/v1/gems/" + gem + "/owners", Api.headers(key, code), Map.of("email", other.email()));
                case OWNER_REMOVE -> Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(key, code), Map.of("email", other.email()));
                default -> throw new IllegalArgumentException(action.name());
            }
        }

        String expected(Action action) {
            return switch (action) {
                case PUSH -> "Successfully registered gem: " + gem + " (1.0." + version + ")";
                case YANK -> "Successfully deleted gem: " + gem + " (1.0." + version + ")";
                case OWNER_ADD -> "Owner added successfully.";
                case OWNER_REMOVE -> "Owner removed successfully.";
                default -> null;
            };
        }
    }

    static Map<String, String> withType(Map<String, String> headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put("Content-Type", "application/octet-stream");
        return h;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cells")
    void theLevelDecidesWhetherTheActionNeedsACode(MfaLevel level, Action action) throws Exception {
        Setup s = new Setup(level);
        String firstPush = s.setupCode();
        assertEquals(200, s.push(firstPush).statusCode(), "the gem exists");
        s.closeWindows();
        boolean needs = MfaPolicy.requiresOtp(level, action, s.keyMfa);

        s.prepare(action);
        check(s, action, s.perform(action, null), needs ? 401 : 200, needs ? MISSING : null, "no OTP");

        s.prepare(action);
        check(s, action, s.perform(action, "000000".equals(s.app == null ? "" : s.app.wrong()) ? "111111" : (s.app == null ? "123456" : s.app.wrong())),
                needs ? 401 : 200, needs ? INCORRECT : null, "wrong OTP");

        if (level == MfaLevel.DISABLED) {
            s.prepare(action);
            check(s, action, s.perform(action, "123456"), 200, null, "any OTP is ignored without MFA");
            return;
        }
        String code = s.app.next();
        s.prepare(action);
        check(s, action, s.perform(action, code), 200, null, "a correct code");
        s.prepare(action);
        check(s, action, s.perform(action, code), 200, null, "the same code within its window");
        s.closeWindows();
        s.prepare(action);
        check(s, action, s.perform(action, code), needs ? 401 : 200, needs ? INCORRECT : null, "the same code after its window");
        s.prepare(action);
        check(s, action, s.perform(action, s.recovery.pop()), 200, null, "a recovery code");
    }

    private static void check(Setup s, Action action, HttpResponse<String> r, int status, String body, String what) {
        String where = s.level + " " + action + " " + what;
        assertEquals(status, r.statusCode(), where + ": " + r.body());
        if (body != null) {
            assertEquals(body, r.body(), where);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), where);
        } else if (s.expected(action) != null) {
            assertEquals(Api.warned(s.expected(action), s.level), r.body(), where);
        } else if (action == Action.API_KEY_SIGNIN) {
            assertTrue(r.body().matches("gemhost_[0-9a-f]{48}"), where + ": " + r.body());
        } else if (action == Action.OWNERS_LIST) {
            assertTrue(r.body().startsWith("---\n- email: \"" + s.user.email() + "\""), where + ": " + r.body());
        }
    }

    @Test
    void aKeyWithoutTheScopeIsRefusedAndUnknownKeysAndPasswordsToo() throws Exception {
        Users.User user = Users.signUp(new Browser());
        HttpResponse<String> created = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null),
                Map.of("name", "push only", "push_rubygem", "true"));
        String key = created.body();
        HttpResponse<String> add = Api.form("POST", "/api/v1/gems/whatever/owners", Api.headers(key, null), Map.of("email", "x@y.org"));
        assertEquals(403, add.statusCode());
        assertEquals("The API key doesn't have access to add_owner", add.body());
        HttpResponse<String> unknown = Api.send("GET", "/api/v1/gems.json", Api.headers("gemhost_" + "0".repeat(48), null), null);
        assertEquals(401, unknown.statusCode());
        assertEquals("Access Denied. Please sign up for an account at " + Gemhost.url(), unknown.body());
        HttpResponse<String> wrong = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), "wrong password!"), null), Api.ALL_SCOPES);
        assertEquals(401, wrong.statusCode());
        assertEquals("Invalid email or password.", wrong.body());

        HttpResponse<String> upgraded = Api.form("PUT", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null),
                Map.of("api_key", key, "add_owner", "true"));
        assertEquals(200, upgraded.statusCode(), upgraded.body());
        assertEquals("Scopes updated.", upgraded.body());
        HttpResponse<String> nowAllowed = Api.form("POST", "/api/v1/gems/whatever/owners", Api.headers(key, null), Map.of("email", "x@y.org"));
        assertEquals(404, nowAllowed.statusCode());
        assertEquals("This rubygem could not be found.", nowAllowed.body());

        HttpResponse<String> legacy = Api.send("GET", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), null);
        assertEquals(200, legacy.statusCode());
        assertTrue(legacy.body().matches("gemhost_[0-9a-f]{48}"), legacy.body());
        HttpResponse<String> webauthn = Api.send("POST", "/api/v1/webauthn_verification", Api.headers(key, null), null);
        assertEquals(422, webauthn.statusCode());
        assertEquals("You don't have any security devices", webauthn.body());
        HttpResponse<String> health = Api.send("GET", "/api/v1/health", Map.of(), null);
        assertEquals("OK", health.body());
    }

    @Test
    void aKeyMadeAtUiAndGemSigninKeepsAskingAfterTheLevelIsLowered() throws Exception {
        Setup s = new Setup(MfaLevel.UI_AND_GEM_SIGNIN);
        Browser browser = new Browser();
        Page otp = Mfa.password(browser, s.user);
        Mfa.otp(browser, otp, s.recovery.pop());
        Page lowered = browser.submit(browser.get("/profile/edit"), "Update", Map.of("MFA level", "UI only", "OTP code", s.recovery.pop()));
        assertTrue(lowered.text().contains("Your MFA level is now UI only"), lowered.text());
        HttpResponse<String> push = s.push(null);
        assertEquals(401, push.statusCode(), "the key was made with MFA");
        assertEquals(MISSING, push.body());
        HttpResponse<String> newKey = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(s.user.email(), s.user.password()), null), Api.ALL_SCOPES);
        assertEquals(200, newKey.statusCode(), "UI only: signin needs no code");
        HttpResponse<String> plain = Api.send("POST", "/api/v1/gems", withType(Api.headers(newKey.body(), null)), TestGems.gem(s.gem, "9.9.9", "ruby", false));
        assertEquals(200, plain.statusCode(), "a key made at UI only pushes without a code: " + plain.body());
    }
}
