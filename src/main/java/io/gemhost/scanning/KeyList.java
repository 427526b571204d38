package io.gemhost.scanning;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import io.gemhost.Refetched;
import java.io.IOException;
import java.io.StringReader;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * GitHub's secret-scanning public keys, kept in memory (docs/SECURITY.md, "Leaked keys"): the list
 * {@code {"public_keys": [{"key_identifier", "key" (PEM), "is_current"}]}} is fetched at first use,
 * refreshed when {@link #REFRESH} old, and fetched again at once for an identifier it does not
 * hold (a new key), but asked at most once per {@code refetch} whatever arrives, so reports with
 * made-up identifiers cannot make gemhost hammer GitHub. A failed fetch keeps the keys it had
 * (io.gemhost.Refetched).
 * Only ECDSA keys on P-256 are taken. Pure: the fetching and the clock are given.
 */
final class KeyList {

    static final Duration REFRESH = Duration.ofHours(1);
    /** Longer identifiers are no identifier (GitHub's are 64 hex digits). */
    static final int MAX_IDENTIFIER = 200;

    private static final Logger LOG = Logger.getLogger(KeyList.class.getName());
    private static final ECParameterSpec P256 = p256();

    /** Reads the list's JSON document (IOException when it cannot). */
    interface Fetcher {
        String fetch() throws IOException;
    }

    private final Refetched<Map<String, PublicKey>> keys;

    KeyList(Fetcher fetcher, Clock clock, Duration refetch) {
        this.keys = new Refetched<>(() -> parse(fetcher.fetch()), clock, REFRESH, refetch, "GitHub's secret-scanning key list");
    }

    /** The public key GitHub publishes under this identifier; empty when it publishes none (or cannot be asked now). */
    Optional<PublicKey> key(String identifier) {
        if (identifier == null || identifier.isEmpty() || identifier.length() > MAX_IDENTIFIER) {
            return Optional.empty();
        }
        Map<String, PublicKey> held = keys.get(list -> list.containsKey(identifier)).value(); // a key GitHub added since
        return held == null ? Optional.empty() : Optional.ofNullable(held.get(identifier));
    }

    /** The document's P-256 keys by identifier; an entry of another shape is left out; IOException when it is no such document. */
    static Map<String, PublicKey> parse(String document) throws IOException {
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(document))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IOException("the public-key list is not a JSON object");
            }
            root = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IOException("the public-key list is not JSON");
        }
        JsonValue list = root.get("public_keys");
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IOException("the public-key list has no array public_keys");
        }
        Map<String, PublicKey> keys = new HashMap<>();
        for (JsonValue entry : list.asJsonArray()) {
            if (entry.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            String identifier = string(entry.asJsonObject(), "key_identifier");
            String pem = string(entry.asJsonObject(), "key");
            if (identifier == null || identifier.isEmpty() || identifier.length() > MAX_IDENTIFIER || pem == null) {
                continue;
            }
            publicKey(pem).ifPresent(key -> keys.put(identifier, key));
        }
        return keys;
    }

    /** An ECDSA P-256 public key from its PEM ("BEGIN PUBLIC KEY", X.509 SubjectPublicKeyInfo); empty for anything else. */
    static Optional<PublicKey> publicKey(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            if (key instanceof ECPublicKey ec && sameCurve(ec.getParams(), P256)) {
                return Optional.of(key);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "gemhost secret scanning: a listed key is not an EC public key: {0}", e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator()) && a.getOrder().equals(b.getOrder())
                && a.getCofactor() == b.getCofactor();
    }

    private static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256", e);
        }
    }
}
