package io.gemhost.webauthn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verification rules on ceremonies recorded once from Chromium's virtual authenticator
 * (CTAP2, resident key) at http://localhost:8089: a registration over a challenge of 32 bytes of
 * 1, an assertion with user verification over 32 bytes of 2, one without over 32 bytes of 3; the
 * user handle is 32 bytes of 9. Each test changes one thing the relying party expects.
 */
class CeremoniesTest {

    static final String ORIGIN = "http://localhost:8089";
    static final String USER_HANDLE = Ceremonies.b64(filled(9));
    static JsonObject recorded;
    static Ceremonies rp = new Ceremonies(ORIGIN);
    static Ceremonies.NewKey key;

    static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = CeremoniesTest.class.getResourceAsStream("/webauthn/ceremony.json")) {
            recorded = Json.createReader(in).readObject();
        }
        Ceremonies.Registration registration = rp.readRegistration(recorded.getJsonObject("registration").toString()).orElseThrow();
        key = rp.verifyRegistration(registration, filled(1));
    }

    static Ceremonies.Assertion assertion(String name) {
        return rp.readAssertion(recorded.getJsonObject(name).toString()).orElseThrow();
    }

    static Ceremonies.Reason refusal(Ceremonies party, Ceremonies.Assertion assertion, byte[] challenge, long count, String handle, boolean uv) {
        return assertThrows(Ceremonies.Refused.class,
                () -> party.verifyAssertion(assertion, challenge, key.credential(), count, handle, uv)).reason();
    }

    @Test
    void theRecordedRegistrationAndAssertionPass() throws Exception {
        assertEquals(recorded.getJsonObject("registration").getString("id"), key.credentialId());
        Ceremonies.Assertion assertion = assertion("assertion");
        assertArrayEquals(filled(2), assertion.challenge());
        assertArrayEquals(filled(9), assertion.userHandle());
        long count = rp.verifyAssertion(assertion, filled(2), key.credential(), key.signCount(), USER_HANDLE, true);
        assertTrue(count > key.signCount(), "the counter moved forward: " + count);
    }

    @Test
    void registrationIsBoundToOriginAndChallenge() {
        Ceremonies.Registration registration = rp.readRegistration(recorded.getJsonObject("registration").toString()).orElseThrow();
        assertEquals(Ceremonies.Reason.CHALLENGE, assertThrows(Ceremonies.Refused.class, () -> rp.verifyRegistration(registration, filled(2))).reason());
        assertEquals(Ceremonies.Reason.ORIGIN, assertThrows(Ceremonies.Refused.class,
                () -> new Ceremonies("http://localhost:8090").verifyRegistration(registration, filled(1))).reason());
        assertEquals(Ceremonies.Reason.RP_ID, assertThrows(Ceremonies.Refused.class,
                () -> new Ceremonies(ORIGIN, "gemhost.example").verifyRegistration(registration, filled(1))).reason());
    }

    @Test
    void anotherOriginIsRefused() {
        assertEquals(Ceremonies.Reason.ORIGIN, refusal(new Ceremonies("http://localhost:8090"), assertion("assertion"), filled(2), 0, USER_HANDLE, false));
        assertEquals(Ceremonies.Reason.ORIGIN, refusal(new Ceremonies("https://localhost:8089"), assertion("assertion"), filled(2), 0, USER_HANDLE, false));
    }

    @Test
    void anotherRpIdIsRefused() {
        assertEquals(Ceremonies.Reason.RP_ID, refusal(new Ceremonies(ORIGIN, "gemhost.example"), assertion("assertion"), filled(2), 0, USER_HANDLE, false));
    }

    @Test
    void anotherChallengeIsRefused() {
        assertEquals(Ceremonies.Reason.CHALLENGE, refusal(rp, assertion("assertion"), filled(3), 0, USER_HANDLE, false));
    }

    @Test
    void aCounterThatDoesNotMoveForwardIsRefused() throws Exception {
        long presented = rp.verifyAssertion(assertion("assertion"), filled(2), key.credential(), 0, USER_HANDLE, false);
        assertEquals(Ceremonies.Reason.COUNTER, refusal(rp, assertion("assertion"), filled(2), presented, USER_HANDLE, false));
        assertEquals(Ceremonies.Reason.COUNTER, refusal(rp, assertion("assertion"), filled(2), presented + 1000, USER_HANDLE, false));
    }

    @Test
    void aUserHandleOfAnotherAccountIsRefused() {
        assertEquals(Ceremonies.Reason.USER_HANDLE, refusal(rp, assertion("assertion"), filled(2), 0, Ceremonies.b64(filled(8)), false));
    }

    @Test
    void withoutUserVerificationOnlyTheSecondFactorPasses() throws Exception {
        Ceremonies.Assertion withoutUv = assertion("assertionWithoutUserVerification");
        assertEquals(Ceremonies.Reason.USER_VERIFICATION, refusal(rp, withoutUv, filled(3), 0, USER_HANDLE, true));
        assertTrue(rp.verifyAssertion(withoutUv, filled(3), key.credential(), 0, USER_HANDLE, false) > 0);
    }

    @Test
    void aChangedSignatureIsRefused() {
        JsonObject original = recorded.getJsonObject("assertion");
        String signature = original.getJsonObject("response").getString("signature");
        String changed = signature.substring(0, 20) + (signature.charAt(20) == 'A' ? 'B' : 'A') + signature.substring(21);
        String json = original.toString().replace(signature, changed);
        assertEquals(Ceremonies.Reason.SIGNATURE, refusal(rp, rp.readAssertion(json).orElseThrow(), filled(2), 0, USER_HANDLE, false));
    }

    @Test
    void malformedOrOversizedResponsesAreNoResponse() {
        for (String bad : List.of("", "{}", "{\"id\":1}", "[]", "not json", "{" + "x".repeat(Ceremonies.MAX_RESPONSE) + "}",
                recorded.getJsonObject("assertion").toString().replace("\"response\"", "\"nothing\""))) {
            assertTrue(rp.readAssertion(bad).isEmpty(), bad.length() > 80 ? bad.substring(0, 80) : bad);
            assertTrue(rp.readRegistration(bad).isEmpty(), bad.length() > 80 ? bad.substring(0, 80) : bad);
        }
        assertTrue(rp.readAssertion(null).isEmpty());
    }

    @Test
    void optionsNameTheRelyingPartyAndTheKeys() {
        JsonObject creation = Json.createReader(new java.io.StringReader(
                rp.creationOptions(filled(4), filled(9), "a@example.org", "a", List.of(key.credentialId())))).readObject();
        assertEquals("localhost", creation.getJsonObject("rp").getString("id"));
        assertEquals(USER_HANDLE, creation.getJsonObject("user").getString("id"));
        assertEquals(key.credentialId(), creation.getJsonArray("excludeCredentials").getJsonObject(0).getString("id"));
        assertEquals("none", creation.getString("attestation"));
        JsonObject request = Json.createReader(new java.io.StringReader(rp.requestOptions(filled(4), List.of(), true))).readObject();
        assertEquals("required", request.getString("userVerification"));
        assertTrue(!request.containsKey("allowCredentials"), "a passkey request names no key");
    }
}
