package io.gemhost.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.gemhost.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The relying party's side of the WebAuthn ceremonies: the options a browser passes to
 * navigator.credentials, and every rule a response must pass (webauthn4j checks the format, the
 * signature, the client data type, origin, RP ID hash, challenge and flags; this class adds the
 * counter and user-handle rules and the size limit). The origin is GEMHOST_BASE_URL's, the RP ID
 * its host without the port; attestation is "none". Pure: the caller passes the challenge it took
 * and the stored key, so unit tests replay recorded ceremonies.
 */
@ApplicationScoped
public class Ceremonies {

    /** The most a browser may post for one ceremony; real responses are a few kilobytes. */
    public static final int MAX_RESPONSE = 16_000;
    static final long TIMEOUT_MS = Challenges.LIFETIME.toMillis();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /** Why a response was refused. */
    public enum Reason { MALFORMED, ORIGIN, RP_ID, CHALLENGE, SIGNATURE, COUNTER, USER_HANDLE, USER_VERIFICATION }

    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        Refused(Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }

        public Reason reason() { return reason; }
    }

    /** A verified new credential, ready to store. */
    public record NewKey(String credentialId, String credential, long signCount) {
    }

    /** A parsed registration response, not yet verified. */
    public record Registration(byte[] challenge, RegistrationData data) {
    }

    /** A parsed assertion, not yet verified. */
    public record Assertion(String credentialId, byte[] userHandle, byte[] challenge, AuthenticationData data) {
    }

    @Inject
    Settings settings;

    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private String origin;
    private String rpId;

    public Ceremonies() {
    }

    /** For tests: a relying party at this base URL. */
    Ceremonies(String baseUrl) {
        at(baseUrl);
    }

    /** For tests: a relying party whose RP ID is not its origin's host. */
    Ceremonies(String origin, String rpId) {
        this.origin = origin;
        this.rpId = rpId;
    }

    private synchronized void at(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.rpId = uri.getHost();
        this.origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private synchronized String origin() {
        if (origin == null) {
            at(settings.baseUrl());
        }
        return origin;
    }

    public String rpId() {
        origin();
        return rpId;
    }

    /** navigator.credentials.create's publicKey options, as JSON with base64url values. */
    public String creationOptions(byte[] challenge, byte[] userHandle, String name, String displayName, List<String> excludeCredentialIds) {
        JsonArrayBuilder algorithms = Json.createArrayBuilder();
        ALGORITHMS.forEach(a -> algorithms.add(Json.createObjectBuilder().add("type", "public-key").add("alg", a.getAlg().getValue())));
        return Json.createObjectBuilder()
                .add("rp", Json.createObjectBuilder().add("id", rpId()).add("name", "gemhost"))
                .add("user", Json.createObjectBuilder().add("id", b64(userHandle)).add("name", name).add("displayName", displayName))
                .add("challenge", b64(challenge))
                .add("pubKeyCredParams", algorithms)
                .add("timeout", TIMEOUT_MS)
                .add("excludeCredentials", descriptors(excludeCredentialIds))
                .add("authenticatorSelection", Json.createObjectBuilder().add("residentKey", "preferred")
                        .add("requireResidentKey", false).add("userVerification", "preferred"))
                .add("attestation", "none")
                .build().toString();
    }

    /** navigator.credentials.get's publicKey options; no allowed ids means any passkey for this site. */
    public String requestOptions(byte[] challenge, List<String> allowCredentialIds, boolean userVerificationRequired) {
        var options = Json.createObjectBuilder()
                .add("challenge", b64(challenge))
                .add("rpId", rpId())
                .add("timeout", TIMEOUT_MS)
                .add("userVerification", userVerificationRequired ? "required" : "discouraged");
        if (!allowCredentialIds.isEmpty()) {
            options.add("allowCredentials", descriptors(allowCredentialIds));
        }
        return options.build().toString();
    }

    private static JsonArrayBuilder descriptors(List<String> credentialIds) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        credentialIds.forEach(id -> list.add(Json.createObjectBuilder().add("type", "public-key").add("id", id)));
        return list;
    }

    /** Reads a registration response (PublicKeyCredential JSON); empty when it is none. Never throws. */
    public Optional<Registration> readRegistration(String json) {
        if (json == null || json.length() > MAX_RESPONSE || !json.startsWith("{")) {
            return Optional.empty();
        }
        try {
            RegistrationData data = manager.parseRegistrationResponseJSON(json);
            if (data.getCollectedClientData() == null || data.getAttestationObject() == null) {
                return Optional.empty();
            }
            return Optional.of(new Registration(data.getCollectedClientData().getChallenge().getValue(), data));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** Verifies a registration against the challenge the session gave; user presence required, verification not. */
    public NewKey verifyRegistration(Registration registration, byte[] expectedChallenge) throws Refused {
        RegistrationParameters parameters = new RegistrationParameters(server(expectedChallenge), ALGORITHMS, false, true);
        try {
            RegistrationData data = manager.verify(registration.data(), parameters);
            AttestedCredentialData credential = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
            return new NewKey(b64(credential.getCredentialId()),
                    b64(new AttestedCredentialDataConverter(converter).convert(credential)),
                    data.getAttestationObject().getAuthenticatorData().getSignCount());
        } catch (RuntimeException refused) {
            throw new Refused(reasonOf(refused));
        }
    }

    /** Reads an assertion (PublicKeyCredential JSON); empty when it is none. Never throws. */
    public Optional<Assertion> readAssertion(String json) {
        if (json == null || json.length() > MAX_RESPONSE || !json.startsWith("{")) {
            return Optional.empty();
        }
        try {
            AuthenticationData data = manager.parseAuthenticationResponseJSON(json);
            if (data.getCollectedClientData() == null || data.getCredentialId() == null) {
                return Optional.empty();
            }
            return Optional.of(new Assertion(b64(data.getCredentialId()), data.getUserHandle(),
                    data.getCollectedClientData().getChallenge().getValue(), data));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Verifies an assertion by a stored key against the challenge the session gave; returns the
     * key's new signature counter. A user handle, when the key sends one, must be the stored
     * key's (for a passkey it must be sent); a counter that does not move forward is refused.
     */
    public long verifyAssertion(Assertion assertion, byte[] expectedChallenge, String storedCredential, long storedCount,
                                String storedUserHandle, boolean userVerificationRequired) throws Refused {
        byte[] handle = assertion.userHandle();
        if (handle == null ? userVerificationRequired : !Arrays.equals(handle, unb64(storedUserHandle))) {
            throw new Refused(Reason.USER_HANDLE);
        }
        AttestedCredentialData credential = new AttestedCredentialDataConverter(converter).convert(unb64(storedCredential));
        if (!Arrays.equals(credential.getCredentialId(), assertion.data().getCredentialId())) {
            throw new Refused(Reason.SIGNATURE);
        }
        CredentialRecord record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, storedCount,
                credential, null, null, null, null);
        AuthenticationParameters parameters = new AuthenticationParameters(server(expectedChallenge), record,
                List.of(credential.getCredentialId()), userVerificationRequired, true);
        long presented;
        try {
            presented = manager.verify(assertion.data(), parameters).getAuthenticatorData().getSignCount();
        } catch (RuntimeException refused) {
            throw new Refused(reasonOf(refused));
        }
        if ((storedCount != 0 || presented != 0) && presented <= storedCount) {
            throw new Refused(Reason.COUNTER);
        }
        return presented;
    }

    private ServerProperty server(byte[] challenge) {
        return ServerProperty.builder().origin(new Origin(origin())).rpId(rpId()).challenge(new DefaultChallenge(challenge)).build();
    }

    private static Reason reasonOf(Exception e) {
        if (e instanceof BadOriginException) {
            return Reason.ORIGIN;
        }
        if (e instanceof BadRpIdException) {
            return Reason.RP_ID;
        }
        if (e instanceof BadChallengeException) {
            return Reason.CHALLENGE;
        }
        if (e instanceof MaliciousCounterValueException) {
            return Reason.COUNTER;
        }
        if (e instanceof UserNotVerifiedException) {
            return Reason.USER_VERIFICATION;
        }
        return e instanceof VerificationException ? Reason.SIGNATURE : Reason.MALFORMED;
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
