package io.gemhost.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What the GitHub Action rubygems/configure-rubygems-credentials does (inputs gem-server and
 * audience), step by step: asks the runner for an ID token ({@code GET
 * $ACTIONS_ID_TOKEN_REQUEST_URL&audience=AUD}, {@code Authorization: Bearer
 * $ACTIONS_ID_TOKEN_REQUEST_TOKEN}, answer {@code {"value": JWT}}), posts it to
 * {@code GEM_SERVER/api/v1/oidc/trusted_publisher/exchange_token} as {@code {"jwt": ...}} with its
 * headers, accepts only a 201 whose JSON has the action's fields and types, and writes
 * {@code ~/.gem/credentials} (mode 0600) with the key under the server's URL.
 */
public final class ConfigureCredentials {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** The exchange's answer as the action reads it, and the raw response. */
    public record Outcome(HttpResponse<String> response, JsonObject json) {

        public String key() {
            return json.getString("rubygems_api_key");
        }
    }

    private ConfigureCredentials() {
    }

    /** The runner's ID token for this audience. */
    public static String idToken(Map<String, String> runnerEnv, String audience) throws Exception {
        String url = runnerEnv.get("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + runnerEnv.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("the runner gave no ID token: " + r.statusCode() + " " + r.body());
        }
        return read(r.body()).getString("value");
    }

    /** The exchange request exactly as the action sends it. */
    public static HttpResponse<String> exchange(String gemServer, String jwt) throws Exception {
        String body = Json.createObjectBuilder().add("jwt", jwt).build().toString();
        return HTTP.send(HttpRequest.newBuilder(URI.create(gemServer + "/api/v1/oidc/trusted_publisher/exchange_token"))
                .header("content-type", "application/json").header("accept", "application/json").header("user-agent", "rubygems-oidc-action")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole action: token, exchange, checks of the answer, credentials file under {@code home}. Fails as the job would. */
    public static Outcome run(String gemServer, String audience, Map<String, String> runnerEnv, Path home) throws Exception {
        HttpResponse<String> r = exchange(gemServer, idToken(runnerEnv, audience));
        if (r.statusCode() != 201) {
            throw new AssertionError("No trusted publisher configured for this workflow found on " + gemServer + " for audience " + audience
                    + " (" + r.statusCode() + " " + r.body() + ")");
        }
        JsonObject json = read(r.body());
        check(json.get("rubygems_api_key").getValueType() == JsonValue.ValueType.STRING, "rubygems_api_key is a string", r);
        check(json.get("name").getValueType() == JsonValue.ValueType.STRING, "name is a string", r);
        check(json.get("scopes").getValueType() == JsonValue.ValueType.ARRAY
                && json.getJsonArray("scopes").stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING), "scopes is an array of strings", r);
        check(!json.containsKey("gem") || json.get("gem").getValueType() == JsonValue.ValueType.OBJECT
                && json.getJsonObject("gem").get("name").getValueType() == JsonValue.ValueType.STRING, "gem is {\"name\": string}", r);
        OffsetDateTime.parse(json.getString("expires_at")); // ISO-8601 with an offset, or this throws
        Path dir = home.resolve(".gem");
        Files.createDirectories(dir);
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "---\n" + gemServer + ": " + json.getString("rubygems_api_key") + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        return new Outcome(r, json);
    }

    public static JsonObject read(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static void check(boolean ok, String what, HttpResponse<String> r) {
        if (!ok) {
            throw new AssertionError("the action would fail: " + what + " in " + r.body());
        }
    }
}
