package io.gemhost.scanning;

import io.gemhost.JsonDepth;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonArray;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A report in GitHub's partner format: a JSON array of {@code {"token", "type", "url", "source"}},
 * {@code token} a string, the others strings when present. At most {@link #MAX_TOKENS} entries, and
 * brackets nested at most {@link #MAX_DEPTH} deep before any parser sees them; other members are ignored. Pure.
 */
final class LeakReport {

    static final int MAX_TOKENS = 1000;
    static final int MAX_DEPTH = 4;
    /** What the security log and the mail say about where a key was found, at most this long. */
    static final int MAX_PLACE = 200;

    /** One reported token; {@code type} and {@code url} may be null. */
    record Reported(String token, String type, String url) {
    }

    private LeakReport() {
    }

    /** The reported tokens, in order; empty when the body is not such a report. */
    static Optional<List<Reported>> parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!JsonDepth.atMost(text, MAX_DEPTH)) {
            return Optional.empty();
        }
        JsonArray root;
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_ARRAY) {
                return Optional.empty();
            }
            root = parser.getArray();
            if (parser.hasNext()) {
                return Optional.empty(); // something after the array
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            return Optional.empty();
        }
        if (root.size() > MAX_TOKENS) {
            return Optional.empty();
        }
        List<Reported> tokens = new ArrayList<>();
        for (JsonValue entry : root) {
            if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
                return Optional.empty();
            }
            JsonObject object = entry.asJsonObject();
            if (!(object.get("token") instanceof JsonString token) || !optionalString(object, "type") || !optionalString(object, "url")
                    || !optionalString(object, "source")) {
                return Optional.empty();
            }
            tokens.add(new Reported(token.getString(), string(object, "type"), string(object, "url")));
        }
        return Optional.of(tokens);
    }

    /**
     * Where a key was found, as the log and the mail show it: control, format and separator
     * characters replaced, at most {@link #MAX_PLACE} characters, or a phrase saying no place was given.
     */
    static String place(String url) {
        if (url == null || url.isBlank()) {
            return "an address the report did not give";
        }
        String shown = url.strip().replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]", "?");
        return shown.length() <= MAX_PLACE ? shown : shown.substring(0, MAX_PLACE) + "...";
    }

    private static boolean optionalString(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL || value instanceof JsonString;
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }

}
