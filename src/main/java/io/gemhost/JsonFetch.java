package io.gemhost;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The one way gemhost fetches a JSON document from another host (a CI issuer's keys, GitHub's
 * secret-scanning keys): no redirects, a timeout on connecting and on the answer, 200 only, and
 * at most a bounded number of bytes, so a slow or huge answer cannot hold a node.
 */
public final class JsonFetch {

    private final HttpClient http;
    private final Duration timeout;
    private final int maxBytes;

    public JsonFetch(Duration timeout, int maxBytes) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The document at {@code url}, as text; an IOException for anything but a 200 within the limits. */
    public String get(String url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException(url + " answered " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new IOException(url + " answered more than " + maxBytes + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
