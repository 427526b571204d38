package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.gemhost.account.MfaLevel;
import io.gemhost.gems.TestGems;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trusted publishing end to end, against this JVM's own OIDC issuers ({@link OidcIssuer}): an owner
 * at MFA level UI and API adds a publisher through rubygems.org's API (with a code), a workflow
 * exchanges its ID token as configure-rubygems-credentials does and pushes with the real gem client
 * and no code; every refusal of docs/SECURITY.md; the key's limits; the publishers API, its mails
 * and security-log events.
 */
@ExtendWith(Gemhost.class)
class TrustedPublishingIT {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final OidcIssuer ISSUERS = OidcIssuer.shared();

    /** An owner at UI and API with an API key for push and configuring publishers, and one gem with a first version. */
    static final class Owner {
        final Users.User user;
        final Authenticator app;
        final String key;
        final Browser browser = new Browser();
        final String gem = "tp" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
        /** A repository owner (GitHub) or namespace (GitLab) of this test only, so publishers of other tests never match. */
        final String org = "org" + Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();

        Owner() throws Exception {
            Mfa.Enrolled e = Mfa.enroll(browser);
            user = e.user();
            app = e.app();
            Browser.Page done = browser.submit(browser.get("/profile/edit"), "Update",
                    Map.of("MFA level", MfaLevel.UI_AND_API.label(), "OTP code", e.recoveryCodes().get(0)));
            assertTrue(done.text().contains("Your MFA level is now"), done.text());
            HttpResponse<String> created = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(user.email(), user.password()), app.next()),
                    Map.of("name", "owner key", "push_rubygem", "true", "configure_trusted_publishers", "true", "add_owner", "true", "yank_rubygem", "true"));
            assertEquals(200, created.statusCode(), created.body());
            key = created.body();
            HttpResponse<String> pushed = push(key, app.next(), gem, "0.1.0");
            assertEquals(200, pushed.statusCode(), pushed.body());
        }

        HttpResponse<String> addGithub(String repositoryName, String workflow, String environment) throws Exception {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("trusted_publisher_type", "OIDC::TrustedPublisher::GitHubAction");
            form.put("trusted_publisher[repository_owner]", org);
            form.put("trusted_publisher[repository_name]", repositoryName);
            form.put("trusted_publisher[workflow_filename]", workflow);
            if (environment != null) {
                form.put("trusted_publisher[environment]", environment);
            }
            return Api.form("POST", "/api/v1/gems/" + gem + "/trusted_publishers", Api.headers(key, app.next()), form);
        }

        JWTClaimsSet.Builder github(String repositoryName, String workflow) {
            return ISSUERS.githubClaims(Instant.now(), org, repositoryName, workflow);
        }

        long accountId() throws Exception {
            try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT id FROM account WHERE email = ?")) {
                s.setString(1, user.email());
                var rs = s.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        }

        /** The details of this account's security events of one kind, oldest first. */
        List<String> events(String kind) throws Exception {
            List<String> details = new ArrayList<>();
            try (Connection db = Gemhost.server().db(); var s = db.prepareStatement(
                    "SELECT detail FROM security_event WHERE kind = ? AND account_id = (SELECT id FROM account WHERE email = ?) ORDER BY id")) {
                s.setString(1, kind);
                s.setString(2, user.email());
                var rs = s.executeQuery();
                while (rs.next()) {
                    details.add(rs.getString(1));
                }
            }
            return details;
        }
    }

    static HttpResponse<String> push(String key, String otp, String gem, String version) throws Exception {
        Map<String, String> headers = Api.headers(key, otp);
        headers.put("Content-Type", "application/octet-stream");
        return Api.send("POST", "/api/v1/gems", headers, TestGems.gem(gem, version, "ruby", false));
    }

    static HttpResponse<String> exchange(String jwt) throws Exception {
        return ConfigureCredentials.exchange(Gemhost.url(), jwt);
    }

    /** A refusal: 404 with JSON {"error": ...} naming the check; the token is not in the answer. */
    static String refused(String jwt) throws Exception {
        HttpResponse<String> r = exchange(jwt);
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertFalse(r.body().contains(jwt), r.body());
        return ConfigureCredentials.read(r.body()).getString("error");
    }

    @Test
    void aGithubWorkflowPublishesAsConfigureRubygemsCredentialsDoesWithNoOtp() throws Exception {
        Owner owner = new Owner();
        HttpResponse<String> added = owner.addGithub("widget", "release.yml", null);
        assertEquals(201, added.statusCode(), added.body());
        JsonObject publisher = ConfigureCredentials.read(added.body());
        assertEquals("OIDC::TrustedPublisher::GitHubAction", publisher.getString("trusted_publisher_type"));
        assertEquals(owner.org, publisher.getJsonObject("trusted_publisher").getString("repository_owner"));
        assertEquals("release.yml", publisher.getJsonObject("trusted_publisher").getString("workflow_filename"));
        assertTrue(publisher.getJsonObject("trusted_publisher").isNull("repository_owner_id"), "pinned at the first exchange, not before");

        ISSUERS.runnerClaims(() -> owner.github("widget", "release.yml"));
        GemClient client = new GemClient(Gemhost.url());
        ConfigureCredentials.Outcome outcome = ConfigureCredentials.run(Gemhost.url(), "localhost",
                Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", ISSUERS.runnerUrl(), "ACTIONS_ID_TOKEN_REQUEST_TOKEN", OidcIssuer.RUNNER_TOKEN), client.home());
        assertEquals(List.of("push_rubygem"), outcome.json().getJsonArray("scopes").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(owner.gem, outcome.json().getJsonObject("gem").getString("name"));
        Duration life = Duration.between(Instant.now(), OffsetDateTime.parse(outcome.json().getString("expires_at")).toInstant());
        assertTrue(life.compareTo(Duration.ofMinutes(14)) > 0 && life.compareTo(Duration.ofMinutes(16)) < 0, life.toString());
        assertEquals("private, no-store", outcome.response().headers().firstValue("Cache-Control").orElse(""));

        Path gem = client.buildGem(owner.gem, "0.2.0", Map.of());
        GemClient.Result pushed = client.run(null, Map.of(), "push", gem.toString(), "--host", Gemhost.url());
        assertTrue(pushed.ok() && pushed.output().contains("Successfully registered gem: " + owner.gem + " (0.2.0)"), pushed.output());

        String label = "GitHub Actions " + owner.org + "/widget @ release.yml";
        assertTrue(owner.events("TRUSTED_PUBLISHER_EXCHANGE").stream().anyMatch(d -> d.contains(label)), owner.events("TRUSTED_PUBLISHER_EXCHANGE").toString());
        assertTrue(owner.events("TRUSTED_PUBLISHER_PUSH").stream().anyMatch(d -> d.contains(owner.gem + " 0.2.0 pushed by " + label)),
                owner.events("TRUSTED_PUBLISHER_PUSH").toString());
        String mail = Outbox.await(Gemhost.server(), owner.user.email(), "gemhost: Trusted publisher added");
        assertTrue(mail.contains(label), mail);
        // the owner id was recorded at that first exchange
        HttpResponse<String> shown = Api.send("GET", "/api/v1/gems/" + owner.gem + "/trusted_publishers/" + publisher.getJsonNumber("id").longValue(),
                Api.headers(owner.key, owner.app.next()), null);
        assertEquals(200, shown.statusCode(), shown.body());
        assertEquals("4242", ConfigureCredentials.read(shown.body()).getJsonObject("trusted_publisher").getString("repository_owner_id"));
    }

    @Test
    void aGitlabPipelinePublishesWithItsClaimsShape() throws Exception {
        Owner owner = new Owner();
        String body = Json.createObjectBuilder().add("trusted_publisher_type", "OIDC::TrustedPublisher::GitLab")
                .add("trusted_publisher", Json.createObjectBuilder().add("namespace", owner.org + "/tools").add("project", "widget")
                        .add("environment", "gems")).build().toString();
        Map<String, String> headers = Api.headers(owner.key, owner.app.next());
        headers.put("Content-Type", "application/json");
        HttpResponse<String> added = Api.send("POST", "/api/v1/gems/" + owner.gem + "/trusted_publishers", headers, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, added.statusCode(), added.body());
        JsonObject tp = ConfigureCredentials.read(added.body()).getJsonObject("trusted_publisher");
        assertEquals(".gitlab-ci.yml", tp.getString("ci_config_path"));

        JWTClaimsSet.Builder claims = ISSUERS.gitlabClaims(Instant.now(), owner.org + "/tools", "widget");
        assertTrue(refused(ISSUERS.gitlab.sign(claims.jwtID(java.util.UUID.randomUUID().toString()).build())).contains("environment"));
        HttpResponse<String> r = exchange(ISSUERS.gitlab.sign(claims.claim("environment", "gems").jwtID(java.util.UUID.randomUUID().toString()).build()));
        assertEquals(201, r.statusCode(), r.body());
        String key = ConfigureCredentials.read(r.body()).getString("rubygems_api_key");
        GemClient client = new GemClient(Gemhost.url());
        GemClient.Result pushed = client.push(client.buildGem(owner.gem, "0.3.0", Map.of()), null, key);
        assertTrue(pushed.ok() && pushed.output().contains("Successfully registered gem: " + owner.gem + " (0.3.0)"), pushed.output());
        assertTrue(owner.events("TRUSTED_PUBLISHER_PUSH").stream().anyMatch(d -> d.contains("GitLab CI/CD " + owner.org + "/tools/widget @ .gitlab-ci.yml")),
                owner.events("TRUSTED_PUBLISHER_PUSH").toString());
    }

    @Test
    void everyCheckRefusesWithASentenceAndNeverEchoesTheToken() throws Exception {
        Owner owner = new Owner();
        assertEquals(201, owner.addGithub("widget", "release.yml", null).statusCode());
        assertEquals(201, owner.addGithub("guarded", "release.yml", "release").statusCode());
        Instant now = Instant.now();

        assertTrue(refused(ISSUERS.github.sign(owner.github("other", "release.yml").build()))
                .contains("no trusted publisher for repository " + owner.org + "/other, workflow release.yml"));
        assertTrue(refused(ISSUERS.github.sign(owner.github("widget", "other.yml").build())).contains("workflow"));
        assertTrue(refused(ISSUERS.github.sign(owner.github("guarded", "release.yml").claim("environment", "staging").build())).contains("environment"));
        assertTrue(refused(ISSUERS.github.sign(owner.github("guarded", "release.yml").build())).contains("environment"));
        assertTrue(refused(ISSUERS.github.sign(owner.github("widget", "release.yml").audience("rubygems.org").build())).contains("audience"));
        assertTrue(refused(ISSUERS.stranger.sign(owner.github("widget", "release.yml").issuer(ISSUERS.stranger.url).build()))
                .contains("not a trusted publishing provider"));
        assertTrue(refused(ISSUERS.github.sign(owner.github("widget", "release.yml").expirationTime(Date.from(now.minusSeconds(120))).build()))
                .contains("expired"));
        assertTrue(refused(ISSUERS.github.sign(owner.github("widget", "release.yml").notBeforeTime(Date.from(now.plusSeconds(600)))
                .expirationTime(Date.from(now.plusSeconds(900))).build())).contains("not valid before"));

        // a forged signature under the issuer's own kid
        RSAKey forger = new RSAKeyGenerator(2048).keyID(ISSUERS.github.signingKey().getKeyID()).generate();
        assertTrue(refused(OidcIssuer.sign(forger, owner.github("widget", "release.yml").build())).contains("signature"));
        // alg none, and HS256 keyed with the issuer's public key
        assertTrue(refused(new PlainJWT(owner.github("widget", "release.yml").build()).serialize()).contains("RS256 or ES256"));
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ISSUERS.github.signingKey().getKeyID()).build(),
                owner.github("widget", "release.yml").build());
        hmac.sign(new MACSigner(ISSUERS.github.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused(hmac.serialize()).contains("HS256"));

        // the owner id: the first accepted exchange records 4242; another id is refused from then on
        assertEquals(201, exchange(ISSUERS.github.sign(owner.github("widget", "release.yml").build())).statusCode());
        assertTrue(refused(ISSUERS.github.sign(owner.github("widget", "release.yml").claim("repository_owner_id", "9999").build()))
                .contains("repository owner id"));
    }

    @Test
    void eachTokenIsExchangedOnceAlsoWhenSentConcurrently() throws Exception {
        Owner owner = new Owner();
        assertEquals(201, owner.addGithub("widget", "release.yml", null).statusCode());
        String token = ISSUERS.github.sign(owner.github("widget", "release.yml").build());
        assertEquals(201, exchange(token).statusCode());
        assertTrue(refused(token).contains("already been exchanged"));

        String racing = ISSUERS.github.sign(owner.github("widget", "release.yml").build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> exchange(racing).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 404).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyRotationAtTheIssuerIsAcceptedWithoutRestart() throws Exception {
        Owner owner = new Owner();
        assertEquals(201, owner.addGithub("widget", "release.yml", null).statusCode());
        assertEquals(201, exchange(ISSUERS.github.sign(owner.github("widget", "release.yml").build())).statusCode());
        int reads = ISSUERS.github.jwksReads();
        RSAKey rotated = ISSUERS.github.rotate(false);
        HttpResponse<String> r = exchange(OidcIssuer.sign(rotated, owner.github("widget", "release.yml").build()));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(reads + 1, ISSUERS.github.jwksReads(), "the new kid made the server read the key set again, once");
        assertEquals(201, exchange(OidcIssuer.sign(rotated, owner.github("widget", "release.yml").build())).statusCode());
        assertEquals(reads + 1, ISSUERS.github.jwksReads(), "a known kid reads nothing");
    }

    @Test
    void aPublisherKeyPushesOnlyItsGemsAndDoesNothingElse() throws Exception {
        Owner owner = new Owner();
        assertEquals(201, owner.addGithub("widget", "release.yml", null).statusCode());
        String otherGem = owner.gem + "x";
        assertEquals(200, push(owner.key, owner.app.next(), otherGem, "0.1.0").statusCode());
        HttpResponse<String> r = exchange(ISSUERS.github.sign(owner.github("widget", "release.yml").build()));
        assertEquals(201, r.statusCode(), r.body());
        String key = ConfigureCredentials.read(r.body()).getString("rubygems_api_key");

        HttpResponse<String> other = push(key, null, otherGem, "0.2.0");
        assertEquals(403, other.statusCode(), other.body());
        assertEquals("This API key cannot perform the specified action on this gem.", other.body());
        HttpResponse<String> owners = Api.form("POST", "/api/v1/gems/" + owner.gem + "/owners", Api.headers(key, null), Map.of("email", "x@example.org"));
        assertEquals(403, owners.statusCode(), owners.body());
        HttpResponse<String> yank = Api.form("DELETE", "/api/v1/gems/yank", Api.headers(key, null), Map.of("gem_name", owner.gem, "version", "0.1.0"));
        assertEquals(403, yank.statusCode(), yank.body());
        HttpResponse<String> configure = Api.send("GET", "/api/v1/gems/" + owner.gem + "/trusted_publishers", Api.headers(key, null), null);
        assertEquals(403, configure.statusCode(), configure.body());
        HttpResponse<String> list = Api.send("GET", "/api/v1/gems.json", Api.headers(key, null), null);
        assertEquals(403, list.statusCode(), list.body());
        HttpResponse<String> webauthn = Api.send("POST", "/api/v1/webauthn_verification", Api.headers(key, null), null);
        assertEquals(403, webauthn.statusCode(), webauthn.body());
        assertEquals(200, push(key, null, owner.gem, "0.2.0").statusCode());

        // 15 minutes later (moved, not waited) it is a key like any unknown one
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("UPDATE publisher_key SET expires_at = expires_at - 900001")) {
            s.executeUpdate();
        }
        HttpResponse<String> expired = push(key, null, owner.gem, "0.3.0");
        assertEquals(401, expired.statusCode(), expired.body());
        assertTrue(expired.body().startsWith("Access Denied. Please sign up for an account at "), expired.body());
    }

    @Test
    void aPendingPublishersFirstPushCreatesTheGemForItsAccount() throws Exception {
        Owner maker = new Owner();
        String newGem = maker.gem + "new";
        // through the page, with the current code (MFA is on)
        Browser.Page made = maker.browser.submit(maker.browser.get("/profile/pending_trusted_publishers"), "Create pending trusted publisher",
                Map.of("Gem name", newGem, "Repository owner", maker.org, "Repository name", "widget", "Workflow filename", "release.yml",
                        "OTP code", maker.app.next()));
        assertTrue(made.doc().select("tr.publisher .gem-name").text().contains(newGem), made.text());
        HttpResponse<String> r = exchange(ISSUERS.github.sign(maker.github("widget", "release.yml").build()));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(newGem, ConfigureCredentials.read(r.body()).getJsonObject("gem").getString("name"));
        String key = ConfigureCredentials.read(r.body()).getString("rubygems_api_key");
        HttpResponse<String> pushed = push(key, null, newGem, "1.0.0");
        assertEquals(200, pushed.statusCode(), pushed.body());
        HttpResponse<String> owners = Api.send("GET", "/api/v1/gems/" + newGem + "/owners.json", Api.headers(null, null), null);
        assertTrue(owners.body().contains(maker.user.email()), owners.body());
        HttpResponse<String> publishers = Api.send("GET", "/api/v1/gems/" + newGem + "/trusted_publishers", Api.headers(maker.key, maker.app.next()), null);
        assertEquals(200, publishers.statusCode(), publishers.body());
        JsonArray list = Json.createReader(new java.io.StringReader(publishers.body())).readArray();
        assertEquals(1, list.size(), publishers.body());
        assertEquals("4242", list.getJsonObject(0).getJsonObject("trusted_publisher").getString("repository_owner_id"));
        assertEquals(200, push(key, null, newGem, "1.0.1").statusCode(), "the same key pushes the gem it created again");
        assertTrue(maker.browser.get("/profile/pending_trusted_publishers").doc().getElementById("no-pending") != null,
                "the pending publisher became the gem's publisher");
        Browser.Page page = maker.browser.get("/gems/" + newGem + "/trusted_publishers");
        assertTrue(page.doc().select("tr.publisher .repository").text().equals(maker.org + "/widget"), page.text());
        assertTrue(maker.browser.get("/dashboard").doc().select("#gems .gem-name").eachText().contains(newGem), "on its maker's dashboard");
    }

    @Test
    void thePublishersApiIsForOwnersWithTheirSecondFactorAndMailsEveryOwner() throws Exception {
        Owner owner = new Owner();
        Owner stranger = new Owner();
        Users.User second = Users.signUp(new Browser());
        assertEquals(200, Api.form("POST", "/api/v1/gems/" + owner.gem + "/owners", Api.headers(owner.key, owner.app.next()),
                Map.of("email", second.email())).statusCode());

        HttpResponse<String> noOtp = Api.send("GET", "/api/v1/gems/" + owner.gem + "/trusted_publishers", Api.headers(owner.key, null), null);
        assertEquals(401, noOtp.statusCode());
        assertTrue(noOtp.body().startsWith("You have enabled multifactor authentication"), noOtp.body());
        HttpResponse<String> notOwner = Api.send("GET", "/api/v1/gems/" + owner.gem + "/trusted_publishers", Api.headers(stranger.key, stranger.app.next()), null);
        assertEquals(403, notOwner.statusCode(), notOwner.body());
        HttpResponse<String> badWorkflow = owner.addGithub("widget", "dir/release.yml", null);
        assertEquals(422, badWorkflow.statusCode(), badWorkflow.body());
        assertTrue(badWorkflow.body().contains("Workflow filename"), badWorkflow.body());

        HttpResponse<String> added = owner.addGithub("widget", "release.yml", "production");
        assertEquals(201, added.statusCode(), added.body());
        long id = ConfigureCredentials.read(added.body()).getJsonNumber("id").longValue();
        String addedMail = Outbox.await(Gemhost.server(), second.email(), "gemhost: Trusted publisher added");
        assertTrue(addedMail.contains(owner.org + "/widget @ release.yml") && addedMail.contains(owner.user.handle()), addedMail);
        HttpResponse<String> list = Api.send("GET", "/api/v1/gems/" + owner.gem + "/trusted_publishers", Api.headers(owner.key, owner.app.next()), null);
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"id\":" + id) && list.body().contains("\"environment\":\"production\""), list.body());

        String key = ConfigureCredentials.read(exchange(ISSUERS.github.sign(owner.github("widget", "release.yml").claim("environment", "production").build())).body())
                .getString("rubygems_api_key");
        HttpResponse<String> deleted = Api.send("DELETE", "/api/v1/gems/" + owner.gem + "/trusted_publishers/" + id, Api.headers(owner.key, owner.app.next()), null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        String removedMail = Outbox.await(Gemhost.server(), second.email(), "gemhost: Trusted publisher removed");
        assertTrue(removedMail.contains(owner.org + "/widget @ release.yml"), removedMail);
        assertFalse(owner.events("TRUSTED_PUBLISHER_REMOVED").isEmpty());
        assertEquals(404, Api.send("GET", "/api/v1/gems/" + owner.gem + "/trusted_publishers/" + id, Api.headers(owner.key, owner.app.next()), null).statusCode());
        HttpResponse<String> after = push(key, null, owner.gem, "0.5.0");
        assertEquals(403, after.statusCode(), "a key of a deleted publisher pushes nothing: " + after.body());
        assertNotEquals(0, id);
    }
}
