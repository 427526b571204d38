package io.gemhost.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's secret scanning as a partner sees it, inside the test JVM on loopback: the public-key
 * list ({@code {"public_keys": [{"key_identifier", "key" (PEM), "is_current"}]}}) with this run's
 * own ECDSA P-256 key, and reports signed with it as GitHub signs them (SHA-256 over the raw body,
 * DER, base64, headers {@code Github-Public-Key-Identifier} and {@code Github-Public-Key-Signature}).
 * A second key of the same curve is never published: what it signs must be refused.
 */
public final class SecretScanner {

    public static final String PATH = "/meta/public_keys/secret_scanning";
    public static final String REVOKE = "/api/v1/api_key/revoke";

    private static SecretScanner shared;

    private final HttpServer server;
    public final String url;
    /** The published key's identifier (GitHub's are 64 hex digits). */
    public final String identifier = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";
    private final KeyPair published = newKey();
    private final KeyPair unpublished = newKey();
    private final AtomicInteger reads = new AtomicInteger();

    private SecretScanner() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        url = "http://localhost:" + server.getAddress().getPort() + PATH;
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "secret-scanner");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The scanner of this test run (the shared server is told its key list's URL). */
    public static synchronized SecretScanner shared() {
        if (shared == null) {
            try {
                shared = new SecretScanner();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** How many times gemhost read the key list. */
    public int reads() {
        return reads.get();
    }

    /** base64 of the published key's signature over these bytes. */
    public String sign(byte[] body) {
        return sign(published.getPrivate(), body);
    }

    /** base64 of a signature over these bytes by a key that is not on the list. */
    public String signUnpublished(byte[] body) {
        return sign(unpublished.getPrivate(), body);
    }

    /** A report of one token in GitHub's format. */
    public static String report(String token, String where) {
        return "[{\"token\":\"" + token + "\",\"type\":\"gemhost_api_key\",\"url\":\"" + where + "\",\"source\":\"content\"}]";
    }

    /** Posts a report with these two headers (null: header left out) to the shared server. */
    public static HttpResponse<String> post(byte[] body, String identifier, String signature) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/044aadd");
        if (identifier != null) {
            headers.put("Github-Public-Key-Identifier", identifier);
        }
        if (signature != null) {
            headers.put("Github-Public-Key-Signature", signature);
        }
        return Api.send("POST", REVOKE, headers, body);
    }

    /** Posts a report signed with the published key, as GitHub does. */
    public HttpResponse<String> postSigned(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, identifier, sign(bytes));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                reply(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            reads.incrementAndGet();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(published.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            reply(exchange, 200, "{\"public_keys\":[{\"key_identifier\":\"" + identifier + "\",\"key\":\""
                    + pem.replace("\n", "\\n") + "\",\"is_current\":true}]}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(PrivateKey key, byte[] body) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
