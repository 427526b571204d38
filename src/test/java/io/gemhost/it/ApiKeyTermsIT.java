package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.gems.TestGems;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys that expire and keys that serve one gem, through the API as rubygems.org's clients
 * send them (POST /api/v1/api_key with expires_at and rubygem_name), and the refusals of
 * docs/API.md. Expiry is never waited for: the stored expiry is moved into the past.
 */
@ExtendWith(Gemhost.class)
class ApiKeyTermsIT {

    static final String OTHER_GEM = "This API key cannot perform the specified action on this gem.";
    static final String INVALID = "An invalid API key cannot be used. Please delete it and create a new one.";
    static final AtomicInteger SEQ = new AtomicInteger();

    static String access() {
        return "Access Denied. Please sign up for an account at " + Gemhost.url();
    }

    static String gemName() {
        return "terms" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
    }

    static HttpResponse<String> makeKey(Users.User user, Map<String, String> form) throws Exception {
        return Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), form);
    }

    static String key(Users.User user, Map<String, String> form) throws Exception {
        HttpResponse<String> made = makeKey(user, form);
        assertEquals(200, made.statusCode(), made.body());
        assertTrue(made.body().matches("gemhost_[0-9a-f]{48}"), made.body());
        return made.body();
    }

    static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> form = new LinkedHashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            form.put(more[i], more[i + 1]);
        }
        return form;
    }

    static HttpResponse<String> push(String key, String gem, String version) throws Exception {
        Map<String, String> h = new LinkedHashMap<>(Api.headers(key, null));
        h.put("Content-Type", "application/octet-stream");
        return Api.send("POST", "/api/v1/gems", h, TestGems.gem(gem, version, "ruby", false));
    }

    /** A success of an account without MFA: under the default policy (recommend) its answer ends with the warning line. */
    static void succeeds(String body, HttpResponse<String> r) {
        answers(200, Api.warned(body, io.gemhost.account.MfaLevel.DISABLED), r);
    }

    static void answers(int status, String body, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(body, r.body());
    }

    @Test
    void anExpiredKeyAnswersLikeAnUnknownOne() throws Exception {
        Users.User user = Users.signUp(new Browser());
        String key = key(user, with(Api.ALL_SCOPES, "expires_at", Instant.now().plus(2, ChronoUnit.MINUTES).toString()));
        String gem = gemName();
        succeeds("Successfully registered gem: " + gem + " (0.1.0)", push(key, gem, "0.1.0"));
        assertEquals(200, Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null).statusCode());

        StoredKeys.expire(key);

        answers(401, access(), Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null));
        answers(401, access(), push(key, gem, "0.2.0"));
        answers(401, access(), Api.form("DELETE", "/api/v1/gems/yank", Api.headers(key, null), Map.of("gem_name", gem, "version", "0.1.0")));
        answers(401, access(), Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(key, null), Map.of("email", "x@example.org")));
        // nor can the client's scope upgrade revive it
        HttpResponse<String> upgrade = Api.form("PUT", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null),
                Map.of("api_key", key, "show_dashboard", "true"));
        assertTrue(upgrade.statusCode() >= 400 && upgrade.statusCode() < 500, upgrade.statusCode() + " " + upgrade.body());
        answers(401, access(), Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null));
    }

    @Test
    void badTermsAreRefusedWithASentenceNamingTheField() throws Exception {
        Users.User user = Users.signUp(new Browser());
        Users.User stranger = Users.signUp(new Browser());
        String mine = gemName();
        String theirs = gemName();
        succeeds("Successfully registered gem: " + mine + " (1.0.0)", push(key(user, Api.ALL_SCOPES), mine, "1.0.0"));
        succeeds("Successfully registered gem: " + theirs + " (1.0.0)", push(key(stranger, Api.ALL_SCOPES), theirs, "1.0.0"));
        Map<String, String> push = Map.of("name", "ci", "push_rubygem", "true");

        String future = "Expires at must be in the future";
        String notATime = "Expires at must be a date and time in ISO-8601, such as 2030-01-31T12:00:00Z";
        answers(422, future, makeKey(user, with(push, "expires_at", "2020-01-01T00:00:00Z")));
        answers(422, future, makeKey(user, with(push, "expires_at", Instant.now().plusSeconds(20).toString())));
        for (String bad : List.of("tomorrow", "2030-13-45T99:00:00Z", "+999999999-12-31T23:59:59Z", "9".repeat(40), "x".repeat(10_000),
                "[\"2030-01-01T00:00:00Z\"]", "2030-01-01T00:00:00Z\u0000")) {
            answers(422, notATime, makeKey(user, with(push, "expires_at", bad)));
        }
        answers(422, "Rubygem could not be found", makeKey(user, with(push, "rubygem_name", "no-such-gem-" + gemName())));
        answers(422, "Rubygem could not be found", makeKey(user, with(push, "rubygem_name", "x".repeat(10_000))));
        answers(422, "Rubygem must be a gem that you are an owner of", makeKey(user, with(push, "rubygem_name", theirs)));
        answers(422, "Rubygem scope can only be set for push/yank rubygem, add/remove owner and configure trusted publishers scopes",
                makeKey(user, Map.of("name", "read", "index_rubygems", "true", "rubygem_name", mine)));

        // good terms: an offset, another spelling of the gem's name, and the new scope
        key(user, with(push, "expires_at", Instant.now().plus(1, ChronoUnit.DAYS).atOffset(java.time.ZoneOffset.ofHours(2)).toString()));
        key(user, with(push, "rubygem_name", mine.toUpperCase(java.util.Locale.ROOT)));
        key(user, Map.of("name", "tp", "configure_trusted_publishers", "true", "rubygem_name", mine));
        // blank terms are no terms (rubygems.org's reading)
        key(user, with(push, "expires_at", "", "rubygem_name", ""));
    }

    @Test
    void aOneGemKeyActsOnItsGemOnlyAndOnlyWhileItsAccountOwnsIt() throws Exception {
        Users.User user = Users.signUp(new Browser());
        Users.User friend = Users.signUp(new Browser());
        String full = key(user, Api.ALL_SCOPES);
        String gem = gemName();
        String other = gemName();
        assertEquals(200, push(full, gem, "1.0.0").statusCode());
        assertEquals(200, push(full, other, "1.0.0").statusCode());
        String one = key(user, with(Api.ALL_SCOPES, "rubygem_name", gem));

        answers(403, OTHER_GEM, push(one, other, "1.1.0"));
        answers(403, OTHER_GEM, push(one, gemName(), "0.1.0")); // nor a new gem
        answers(403, OTHER_GEM, Api.form("DELETE", "/api/v1/gems/yank", Api.headers(one, null), Map.of("gem_name", other, "version", "1.0.0")));
        answers(403, OTHER_GEM, Api.form("POST", "/api/v1/gems/" + other + "/owners", Api.headers(one, null), Map.of("email", friend.email())));
        answers(403, OTHER_GEM, Api.form("DELETE", "/api/v1/gems/" + other + "/owners", Api.headers(one, null), Map.of("email", friend.email())));
        assertTrue(Api.send("GET", "/api/v1/gems/" + other + "/owners.yaml", Api.headers(null, null), null).body().contains(user.email()));

        succeeds("Successfully registered gem: " + gem + " (1.1.0)", push(one, gem, "1.1.0"));
        succeeds("Successfully deleted gem: " + gem + " (1.1.0)",
                Api.form("DELETE", "/api/v1/gems/yank", Api.headers(one, null), Map.of("gem_name", gem, "version", "1.1.0")));
        succeeds("Owner added successfully.", Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(one, null), Map.of("email", friend.email())));
        // the account's list is the account's, whichever gem the key serves (as rubygems.org lists it)
        String listed = Api.send("GET", "/api/v1/gems.json", Api.headers(one, null), null).body();
        assertTrue(listed.contains(gem) && listed.contains(other), listed);

        // the friend removes the account from the gem: its one-gem key is no longer valid for anything
        String friendsKey = key(friend, Api.ALL_SCOPES);
        succeeds("Owner removed successfully.", Api.form("DELETE", "/api/v1/gems/" + gem + "/owners", Api.headers(friendsKey, null),
                Map.of("email", user.email())));
        answers(403, INVALID, push(one, gem, "1.2.0"));
        answers(403, INVALID, push(one, other, "1.2.0"));
        answers(403, INVALID, Api.send("GET", "/api/v1/gems.json", Api.headers(one, null), null));
        answers(403, INVALID, Api.form("POST", "/api/v1/gems/" + gem + "/owners", Api.headers(one, null), Map.of("email", user.email())));
        // the account's other keys are untouched
        succeeds("Successfully registered gem: " + other + " (1.2.0)", push(full, other, "1.2.0"));
    }

    @Test
    void answersThatCarryAKeyOrAnAccountsDataAreNeverStored() throws Exception {
        Users.User user = Users.signUp(new Browser());
        HttpResponse<String> made = makeKey(user, Api.ALL_SCOPES);
        assertEquals(200, made.statusCode());
        String key = made.body();
        for (HttpResponse<String> r : List.of(made,
                Api.send("GET", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), null),
                Api.form("PUT", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), Map.of("api_key", key, "show_dashboard", "true")),
                Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null),
                Api.send("GET", "/api/v1/gems.yaml", Api.headers(key, null), null),
                Api.send("GET", "/api/v1/gems.json", Api.headers("gemhost_" + "0".repeat(48), null), null))) {
            String what = r.request().method() + " " + r.request().uri() + " " + r.statusCode();
            assertEquals("private, no-store", r.headers().firstValue("Cache-Control").orElse(""), what);
            assertTrue(r.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Authorization")), what + " " + r.headers().map());
        }
    }

    @Test
    void theLegacyKeyHasEveryScopeIncludingTrustedPublishers() throws Exception {
        Users.User user = Users.signUp(new Browser());
        HttpResponse<String> legacy = Api.send("GET", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null), null);
        assertEquals(200, legacy.statusCode(), legacy.body());
        assertEquals("access_webhooks add_owner configure_trusted_publishers index_rubygems push_rubygem remove_owner show_dashboard yank_rubygem",
                StoredKeys.scopes(legacy.body()));
    }
}
