package io.gemhost.api;

import io.gemhost.JsonDepth;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The small bodies of the trusted-publishing and secret-scanning endpoints, read by hand so that JSON and forms take
 * one path: at most {@link #MAX_BYTES}, a JSON object nested at most {@link #MAX_DEPTH} deep (a
 * deeper one is refused before any parser sees it), or a URL-encoded form. Anything else is empty.
 */
final class RequestBodies {

    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_DEPTH = 4;

    private RequestBodies() {
    }

    /** The body, or empty when it is longer than MAX_BYTES. */
    static Optional<String> read(InputStream in, long contentLength) throws IOException {
        return bytes(in, contentLength, MAX_BYTES).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The body's raw bytes, or empty when it is longer than {@code max} (then not read further). */
    static Optional<byte[]> bytes(InputStream in, long contentLength, int max) throws IOException {
        if (contentLength > max) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > max) {
                return Optional.empty();
            }
        }
        return Optional.of(out.toByteArray());
    }

    static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** A JSON object, or empty for anything else (not JSON, not an object, too deep). */
    static Optional<JsonObject> jsonObject(String body) {
        if (!JsonDepth.atMost(body, MAX_DEPTH)) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(value.asJsonObject()) : Optional.empty();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** A form's fields (the first value of each name), or empty when it is not a valid form. */
    static Optional<Map<String, String>> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return Optional.of(fields);
        }
        try {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            }
            return Optional.of(fields);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A string member of a JSON object; null when absent or of another type. */
    static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) value).getString() : null;
    }

}
