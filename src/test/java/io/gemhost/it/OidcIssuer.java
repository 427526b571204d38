package io.gemhost.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * OIDC issuers run inside the test JVM on loopback, as GitHub's and GitLab's look to gemhost:
 * {@code ISSUER/.well-known/openid-configuration} naming {@code jwks_uri}, the JWK set (RS256 keys
 * with kids, rotatable), and for GitHub the runner's token service that the
 * configure-rubygems-credentials action asks: {@code GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=AUD}
 * with {@code Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN}, answering {@code {"value": JWT}}.
 * Issuers live under paths of one server: {@code /github}, {@code /gitlab} (both given to the
 * gemhost under test) and {@code /stranger} (a working issuer gemhost was not told of).
 */
public final class OidcIssuer {

    /** One issuer: its URL, its published keys (the last one signs), and how many times its keys were read. */
    public final class Issuer {
        public final String url;
        final List<RSAKey> keys = new ArrayList<>();
        final AtomicInteger jwksReads = new AtomicInteger();

        Issuer(String path) {
            this.url = base + path;
            keys.add(newKey());
        }

        /** Publishes a new key with a new kid and signs with it from now on; the old keys stay published unless dropped. */
        public synchronized RSAKey rotate(boolean dropOld) {
            if (dropOld) {
                keys.clear();
            }
            RSAKey key = newKey();
            keys.add(key);
            return key;
        }

        public synchronized RSAKey signingKey() {
            return keys.get(keys.size() - 1);
        }

        public String sign(JWTClaimsSet claims) {
            return OidcIssuer.sign(signingKey(), claims);
        }

        synchronized String jwks() {
            jwksReads.incrementAndGet();
            return new JWKSet(keys.stream().map(k -> (JWK) k.toPublicJWK()).toList()).toString();
        }

        public int jwksReads() {
            return jwksReads.get();
        }
    }

    public static final String RUNNER_TOKEN = "runner-request-token-" + UUID.randomUUID();

    private static OidcIssuer shared;

    private final HttpServer server;
    public final String base;
    public final Issuer github;
    public final Issuer gitlab;
    public final Issuer stranger;
    private final Map<String, Issuer> byPath = new ConcurrentHashMap<>();
    /** What the runner's token service puts into its next tokens, given the requested audience. */
    private volatile Supplier<JWTClaimsSet.Builder> runnerClaims;

    private OidcIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://localhost:" + server.getAddress().getPort();
        github = new Issuer("/github");
        gitlab = new Issuer("/gitlab");
        stranger = new Issuer("/stranger");
        for (Issuer issuer : List.of(github, gitlab, stranger)) {
            byPath.put(URI.create(issuer.url).getPath(), issuer);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "oidc-issuer");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The issuers of this test run (started with the shared server, which is told of github and gitlab). */
    public static synchronized OidcIssuer shared() {
        if (shared == null) {
            try {
                shared = new OidcIssuer();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** GEMHOST_OIDC_PROVIDERS for a gemhost that trusts github and gitlab here. */
    public String providers() {
        return "github=" + github.url + ",gitlab=" + gitlab.url;
    }

    /** The runner's token service URL, as the runner puts it into ACTIONS_ID_TOKEN_REQUEST_URL. */
    public String runnerUrl() {
        return base + "/runner/idtoken?api-version=2.0";
    }

    /** The claims the runner's next tokens carry (the audience is the requested one). */
    public void runnerClaims(Supplier<JWTClaimsSet.Builder> claims) {
        this.runnerClaims = claims;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/runner/idtoken")) {
                runner(exchange);
                return;
            }
            for (Map.Entry<String, Issuer> e : byPath.entrySet()) {
                if (path.equals(e.getKey() + "/.well-known/openid-configuration")) {
                    reply(exchange, 200, "{\"issuer\":\"" + e.getValue().url + "\",\"jwks_uri\":\"" + e.getValue().url + "/jwks\","
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
                    return;
                }
                if (path.equals(e.getKey() + "/jwks")) {
                    reply(exchange, 200, e.getValue().jwks());
                    return;
                }
            }
            reply(exchange, 404, "{}");
        }
    }

    private void runner(HttpExchange exchange) throws IOException {
        if (!("Bearer " + RUNNER_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"message\":\"bad runner token\"}");
            return;
        }
        String audience = null;
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            if (pair.startsWith("audience=")) {
                audience = URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8);
            }
        }
        JWTClaimsSet.Builder claims = runnerClaims.get();
        if (audience != null) {
            claims.audience(audience);
        }
        reply(exchange, 200, "{\"count\":1,\"value\":\"" + github.sign(claims.build()) + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** GitHub's ID token claims for a push run of OWNER/NAME's workflow FILE on refs/heads/main (owner id 4242). */
    public JWTClaimsSet.Builder githubClaims(Instant now, String owner, String name, String workflow) {
        String repository = owner + "/" + name;
        return new JWTClaimsSet.Builder()
                .issuer(github.url).audience("localhost").subject("repo:" + repository + ":ref:refs/heads/main")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(5))).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("repository", repository).claim("repository_owner", owner).claim("repository_owner_id", "4242")
                .claim("repository_id", "1296269").claim("ref", "refs/heads/main").claim("ref_type", "branch")
                .claim("sha", "0123456789abcdef0123456789abcdef01234567")
                .claim("workflow_ref", repository + "/.github/workflows/" + workflow + "@refs/heads/main")
                .claim("job_workflow_ref", repository + "/.github/workflows/" + workflow + "@refs/heads/main")
                .claim("job_workflow_sha", "0123456789abcdef0123456789abcdef01234567")
                .claim("event_name", "push").claim("run_id", "42").claim("run_attempt", "1");
    }

    /** GitLab's ID token claims for NAMESPACE/PROJECT's .gitlab-ci.yml on refs/heads/main (namespace id 77). */
    public JWTClaimsSet.Builder gitlabClaims(Instant now, String namespace, String project) {
        String path = namespace + "/" + project;
        String host = gitlab.url.substring(gitlab.url.indexOf("://") + 3);
        return new JWTClaimsSet.Builder()
                .issuer(gitlab.url).audience("localhost").subject("project_path:" + path + ":ref_type:branch:ref:main")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(5))).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("project_path", path).claim("project_id", "7").claim("namespace_path", namespace).claim("namespace_id", "77")
                .claim("user_login", "someone").claim("ref", "main").claim("ref_type", "branch").claim("ref_path", "refs/heads/main")
                .claim("ci_config_ref_uri", host + "/" + path + "//.gitlab-ci.yml@refs/heads/main")
                .claim("ci_config_sha", "0123456789abcdef0123456789abcdef01234567").claim("pipeline_source", "push");
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
