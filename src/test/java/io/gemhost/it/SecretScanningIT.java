package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leaked keys revoked within seconds (docs/SECURITY.md, "Leaked keys"): GitHub's secret scanning,
 * played by {@link SecretScanner} with this run's own ECDSA P-256 key, reports a key found in a
 * public repository to {@code POST /api/v1/api_key/revoke}. A signed report kills the key at once
 * (the real gem client then gets 401), mails its holder where it was found and logs it; a report
 * that is unsigned, signed by another key, signed over another body or under an unknown key
 * identifier revokes nothing; malformed reports get a 4xx, never a 5xx.
 */
@ExtendWith(Gemhost.class)
class SecretScanningIT {

    static final String SUBJECT = "gemhost: API key revoked because it was found in public";
    static final String WHERE = "https://github.com/acme/widget/blob/5f2c1e0/.gem/credentials";

    private static final SecretScanner SCANNER = SecretScanner.shared();

    private static String accessDenied() {
        return "Access Denied. Please sign up for an account at " + Gemhost.url();
    }

    private static HttpResponse<String> gemsJson(String key) throws Exception {
        return Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null);
    }

    private static JsonArray answer(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readArray();
        }
    }

    private static String newKey(Users.User user) throws Exception {
        HttpResponse<String> created = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), null),
                Api.ALL_SCOPES);
        assertEquals(200, created.statusCode(), created.body());
        return created.body();
    }

    @Test
    void aSignedReportRevokesTheKeyAtOnceMailsItsHolderAndLogsIt() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        GemClient gem = new GemClient(Gemhost.url());
        GemClient.Result signedIn = gem.signin(user.email(), user.password(), null, "laptop");
        assertTrue(signedIn.ok(), signedIn.output());
        String key = gem.storedKey().orElseThrow();
        String name = "leak" + Long.toString(System.nanoTime(), 36);
        GemClient.Result pushed = gem.push(gem.buildGem(name, "0.1.0", Map.of()), null, null);
        assertTrue(pushed.ok() && pushed.output().contains("Successfully registered gem: " + name + " (0.1.0)"), pushed.output());

        String unknown = "gemhost_" + "0".repeat(48);
        String body = "[{\"token\":\"" + key + "\",\"type\":\"gemhost_api_key\",\"url\":\"" + WHERE + "\",\"source\":\"content\"},"
                + "{\"token\":\"" + unknown + "\",\"type\":\"gemhost_api_key\",\"url\":\"" + WHERE + "\",\"source\":\"content\"}]";
        JsonArray labels = answer(SCANNER.postSigned(body));
        assertEquals(2, labels.size(), labels.toString());
        JsonObject first = labels.getJsonObject(0);
        assertEquals(key, first.getString("token_raw"));
        assertEquals("gemhost_api_key", first.getString("token_type"));
        assertEquals("true_positive", first.getString("label"));
        assertEquals(unknown, labels.getJsonObject(1).getString("token_raw"));
        assertEquals("false_positive", labels.getJsonObject(1).getString("label"));

        // the key is dead at once: the real client is refused, and so is every route
        Path next = gem.buildGem(name, "0.2.0", Map.of());
        GemClient.Result refused = gem.push(next, null, null);
        assertFalse(refused.ok() && refused.output().contains("Successfully registered"), refused.output());
        assertTrue(refused.output().contains(accessDenied()), refused.output());
        HttpResponse<String> list = gemsJson(key);
        assertEquals(401, list.statusCode(), list.body());
        assertEquals(accessDenied(), list.body());

        // the holder is told which key, where it was found, and never the key itself
        String mail = Outbox.await(Gemhost.server(), user.email(), SUBJECT);
        assertTrue(mail.contains("laptop"), mail);
        assertTrue(mail.contains(WHERE), mail);
        assertFalse(mail.contains(key), mail);
        // and it is in the security log
        Browser.Page log = browser.get("/profile/security_log");
        assertTrue(log.text().contains("API key revoked because it was found in public"), log.text());
        assertTrue(log.text().contains(WHERE), log.text());

        // reported again (GitHub reports each place it finds the key): nothing left to revoke
        JsonArray again = answer(SCANNER.postSigned(SecretScanner.report(key, WHERE)));
        assertEquals("false_positive", again.getJsonObject(0).getString("label"), again.toString());
    }

    @Test
    void unsignedWronglySignedAndReplayedReportsRevokeNothing() throws Exception {
        Users.User user = Users.signUp(new Browser());
        String key = newKey(user);
        String other = newKey(user);
        byte[] body = SecretScanner.report(key, WHERE).getBytes(StandardCharsets.UTF_8);
        byte[] otherBody = SecretScanner.report(other, WHERE).getBytes(StandardCharsets.UTF_8);
        String good = SCANNER.sign(body);

        Map<String, HttpResponse<String>> refused = new java.util.LinkedHashMap<>();
        refused.put("no headers", SecretScanner.post(body, null, null));
        refused.put("no signature", SecretScanner.post(body, SCANNER.identifier, null));
        refused.put("no identifier", SecretScanner.post(body, null, good));
        refused.put("empty signature", SecretScanner.post(body, SCANNER.identifier, ""));
        refused.put("signed by a key not on the list", SecretScanner.post(body, SCANNER.identifier, SCANNER.signUnpublished(body)));
        refused.put("a signature of another report", SecretScanner.post(body, SCANNER.identifier, SCANNER.sign(otherBody)));
        refused.put("the body changed after signing", SecretScanner.post((new String(body, StandardCharsets.UTF_8) + " ")
                .getBytes(StandardCharsets.UTF_8), SCANNER.identifier, good));
        refused.put("an unknown key identifier", SecretScanner.post(body, "f".repeat(64), good));
        refused.put("a signature that is not base64", SecretScanner.post(body, SCANNER.identifier, "not base64!"));
        refused.put("a signature that is not DER", SecretScanner.post(body, SCANNER.identifier,
                Base64.getEncoder().encodeToString("0123456789".getBytes(StandardCharsets.UTF_8))));
        refused.put("a huge identifier", SecretScanner.post(body, "a".repeat(5000), good));
        List<String> failures = new ArrayList<>();
        refused.forEach((what, r) -> {
            if (r.statusCode() != 401) {
                failures.add(what + ": " + r.statusCode() + " " + r.body());
            }
            if (r.body().contains("true_positive") || r.body().contains(key)) {
                failures.add(what + " answered a label or the key: " + r.body());
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures));

        // both keys still work, and nobody was told they were revoked
        assertEquals(200, gemsJson(key).statusCode());
        assertEquals(200, gemsJson(other).statusCode());
        assertTrue(Outbox.mailsTo(Gemhost.server(), user.email()).stream().noneMatch(m -> m.contains(SUBJECT)),
                "no revocation mail");

        // the same report, signed as GitHub signs it, does revoke (so the refusals above were the signature's)
        assertEquals("true_positive", answer(SecretScanner.post(body, SCANNER.identifier, good)).getJsonObject(0).getString("label"));
        assertEquals(401, gemsJson(key).statusCode());
        assertEquals(200, gemsJson(other).statusCode(), "only the reported key");
    }

    @Test
    void aTrustedPublishersKeyIsRevokedAndTheGemsOwnersAreTold() throws Exception {
        TrustedPublishingIT.Owner owner = new TrustedPublishingIT.Owner();
        HttpResponse<String> added = owner.addGithub("widget", "release.yml", null);
        assertEquals(201, added.statusCode(), added.body());
        HttpResponse<String> exchanged = TrustedPublishingIT.exchange(OidcIssuer.shared().github.sign(owner.github("widget", "release.yml").build()));
        assertEquals(201, exchanged.statusCode(), exchanged.body());
        String key = ConfigureCredentials.read(exchanged.body()).getString("rubygems_api_key");
        assertTrue(key.startsWith("gemhost_oidc_"), key);

        JsonArray labels = answer(SCANNER.postSigned(SecretScanner.report(key, WHERE)));
        assertEquals("true_positive", labels.getJsonObject(0).getString("label"), labels.toString());
        HttpResponse<String> push = TrustedPublishingIT.push(key, null, owner.gem, "0.9.0");
        assertEquals(401, push.statusCode(), push.body());
        String mail = Outbox.await(Gemhost.server(), owner.user.email(), SUBJECT);
        assertTrue(mail.contains(WHERE) && mail.contains(owner.org + "/widget"), mail);
        assertFalse(mail.contains(key), mail);
        // the owner's own key was not touched
        assertEquals(200, gemsJson(owner.key).statusCode());
    }

    /**
     * Anyone can post here, so malformed reports (signed or not) get a 4xx and never a 5xx; odd but
     * well-formed ones name no key of this host; a body over the limit is not read.
     */
    @Test
    void malformedReportsGetA4xxNeverA5xx() throws Exception {
        List<String> bodies = List.of("", " ", "{", "}", "[", "{}", "null", "1", "\"x\"", "[1]", "[null]", "[[]]", "[{}]",
                "[{\"token\":1}]", "[{\"token\":null}]", "[{\"token\":[\"a\"]}]", "[{\"token\":\"x\",\"url\":1}]",
                "[".repeat(50_000), "[{\"token\":" + "[".repeat(20_000) + "}]", "\u0000\u0001", "ünïcødé✓", "[{\"token\":\"x\"}] trailing");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String text : bodies) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            for (boolean signed : new boolean[] {true, false}) {
                HttpResponse<String> r = signed ? SecretScanner.post(body, SCANNER.identifier, SCANNER.sign(body)) : SecretScanner.post(body, null, null);
                sent++;
                String what = (signed ? "signed " : "unsigned ") + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
                if (r.statusCode() < 400 || r.statusCode() >= 500) {
                    failures.add(what + ": " + r.statusCode() + " " + r.body());
                }
                if (!signed && r.statusCode() != 401) {
                    failures.add(what + ": unsigned must be 401, was " + r.statusCode());
                }
                if (r.body().contains("Exception") || r.body().contains("at io.gemhost")) {
                    failures.add(what + " shows internals: " + r.body());
                }
            }
        }
        // odd but well-formed reports: no key of this host, so a false positive each
        for (String text : List.of("[{\"token\":\"" + "A".repeat(20_000) + "\"}]", "[{\"token\":\"\\ud800\"}]", "[{\"token\":\"\"}]",
                "[{\"token\":\"gemhost_\",\"type\":null,\"url\":null}]", "[{\"token\":\"gemhost_oidc_\\u0000\"}]", "[]")) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = SecretScanner.post(body, SCANNER.identifier, SCANNER.sign(body));
            sent++;
            if (r.statusCode() != 200 || r.body().contains("true_positive") || (!text.equals("[]") && !r.body().contains("false_positive"))) {
                failures.add("odd " + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + ": " + r.statusCode() + " "
                        + (r.body().length() > 100 ? r.body().substring(0, 100) : r.body()));
            }
        }
        // over the size limit: refused before it is read, signed or not
        byte[] huge = ("[{\"token\":\"" + "A".repeat(600_000) + "\"}]").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = SecretScanner.post(huge, SCANNER.identifier, SCANNER.sign(huge));
        if (tooLarge.statusCode() != 413) {
            failures.add("600 KB: " + tooLarge.statusCode());
        }
        // other methods: the guard's 405
        HttpResponse<String> get = Api.send("GET", SecretScanner.REVOKE, Map.of(), null);
        if (get.statusCode() != 405) {
            failures.add("GET: " + get.statusCode());
        }
        assertTrue(sent > 40, "sent " + sent);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
