package io.gemhost.scanning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key list: which keys it takes from GitHub's document, and how often it asks. */
class KeyListTest {

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    static String entry(String id, PublicKey key) {
        return "{\"key_identifier\":\"" + id + "\",\"key\":\"" + pem(key).replace("\n", "\\n") + "\",\"is_current\":true}";
    }

    static String document(String... entries) {
        return "{\"public_keys\":[" + String.join(",", entries) + "]}";
    }

    /** A clock tests move by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void takesP256KeysOnlyAndSkipsEntriesOfOtherShapes() throws Exception {
        KeyPair p256 = ec("secp256r1");
        KeyPair p384 = ec("secp384r1");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var keys = KeyList.parse(document(entry("a", p256.getPublic()), entry("b", p384.getPublic()), entry("c", rsa.generateKeyPair().getPublic()),
                "{\"key_identifier\":\"d\",\"key\":\"-----BEGIN PUBLIC KEY-----\\nnot base64!\\n-----END PUBLIC KEY-----\"}",
                "{\"key_identifier\":1,\"key\":\"x\"}", "\"e\"", "{\"key\":\"" + pem(p256.getPublic()).replace("\n", "\\n") + "\"}"));
        assertEquals(List.of("a"), List.copyOf(keys.keySet()));
        assertEquals(p256.getPublic(), keys.get("a"));
    }

    @Test
    void aDocumentOfAnotherShapeIsAnError() {
        for (String bad : List.of("", "[]", "{}", "{\"public_keys\":{}}", "{", "null")) {
            assertThrows(IOException.class, () -> KeyList.parse(bad), bad);
        }
    }

    @Test
    void fetchesAtFirstUseAgainForAnUnknownIdentifierButAtMostOnceAMinute() throws Exception {
        KeyPair first = ec("secp256r1");
        KeyPair added = ec("secp256r1");
        List<String> served = new ArrayList<>(List.of(document(entry("one", first.getPublic()))));
        int[] fetches = {0};
        MovingClock clock = new MovingClock();
        KeyList list = new KeyList(() -> {
            fetches[0]++;
            return served.get(0);
        }, clock, Duration.ofMinutes(1));

        assertEquals(first.getPublic(), list.key("one").orElseThrow());
        assertEquals(1, fetches[0]);
        assertEquals(first.getPublic(), list.key("one").orElseThrow());
        assertEquals(1, fetches[0], "a known identifier costs no fetch");

        // made-up identifiers: at most one fetch a minute, however many arrive
        clock.now = clock.now.plusSeconds(61);
        for (int i = 0; i < 50; i++) {
            assertTrue(list.key("forged-" + i).isEmpty());
        }
        assertEquals(2, fetches[0]);

        // GitHub adds a key: picked up once the minute has passed
        served.set(0, document(entry("one", first.getPublic()), entry("two", added.getPublic())));
        assertTrue(list.key("two").isEmpty(), "asked less than a minute ago");
        clock.now = clock.now.plusSeconds(60);
        assertEquals(added.getPublic(), list.key("two").orElseThrow());
        assertEquals(3, fetches[0]);
    }

    @Test
    void aFailedFetchKeepsTheKeysItHad() throws Exception {
        KeyPair key = ec("secp256r1");
        boolean[] down = {false};
        MovingClock clock = new MovingClock();
        KeyList list = new KeyList(() -> {
            if (down[0]) {
                throw new IOException("timed out");
            }
            return document(entry("one", key.getPublic()));
        }, clock, Duration.ofMinutes(1));
        assertTrue(list.key("one").isPresent());
        down[0] = true;
        clock.now = clock.now.plus(KeyList.REFRESH).plusSeconds(1);
        assertEquals(key.getPublic(), list.key("one").orElseThrow(), "refresh failed, old keys kept");
    }

    @Test
    void noListNoKeyAndOversizedIdentifiersAreNotLookedUp() throws Exception {
        int[] fetches = {0};
        KeyList list = new KeyList(() -> {
            fetches[0]++;
            throw new IOException("unreachable");
        }, new MovingClock(), Duration.ofMinutes(1));
        assertFalse(list.key("one").isPresent());
        assertFalse(list.key("x".repeat(KeyList.MAX_IDENTIFIER + 1)).isPresent());
        assertFalse(list.key("").isPresent());
        assertEquals(1, fetches[0]);
    }
}
