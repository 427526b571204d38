package io.gemhost.scanning;

import io.gemhost.JsonFetch;
import io.gemhost.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks the signature of a leaked-key report as GitHub makes it (docs/SECURITY.md, "Leaked
 * keys"): ECDSA P-256 with SHA-256 over the raw body, DER-encoded, base64 in
 * {@code Github-Public-Key-Signature}, under the key {@code Github-Public-Key-Identifier} names in
 * the list at {@code GEMHOST_SECRET_SCANNING_KEYS_URL} (this node's copy: {@link KeyList}; 2-second
 * timeouts, no redirects, 256 KB at most). An empty setting turns the endpoint off: nothing verifies.
 */
@ApplicationScoped
public class ReportSignatures {

    public static final String DEFAULT_URL = "https://api.github.com/meta/public_keys/secret_scanning";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration REFETCH = Duration.ofMinutes(1);
    private static final int MAX_BYTES = 256 * 1024;

    /** Why a report was refused (rubygems.org's words), all answered 401. */
    public enum Refusal {
        MISSING("Missing GitHub Signature"),
        NO_KEY("Can't fetch public key from GitHub"),
        INVALID("Invalid GitHub Signature");

        private final String text;

        Refusal(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Exactly one of the two: the signed report, or why there is none. */
    public record Check(SignedReport report, Refusal refusal) {
    }

    @Inject
    Clock clock;

    private KeyList keys;
    private JsonFetch http;
    private String url;

    @PostConstruct
    void init() {
        url = Settings.read("GEMHOST_SECRET_SCANNING_KEYS_URL", DEFAULT_URL).strip();
        http = new JsonFetch(TIMEOUT, MAX_BYTES);
        keys = new KeyList(() -> http.get(url), clock, REFETCH);
    }

    public Check check(String identifier, String signature, byte[] body) {
        if (identifier == null || identifier.isBlank() || signature == null || signature.isBlank()) {
            return new Check(null, Refusal.MISSING);
        }
        Optional<PublicKey> key = url.isEmpty() ? Optional.empty() : keys.key(identifier.strip());
        if (key.isEmpty()) {
            return new Check(null, Refusal.NO_KEY);
        }
        return valid(key.get(), body, signature) ? new Check(new SignedReport(body), null) : new Check(null, Refusal.INVALID);
    }

    /** Whether {@code signature} (base64 of DER) is the key's ECDSA/SHA-256 signature over exactly these bytes. */
    static boolean valid(PublicKey key, byte[] body, String signature) {
        try {
            byte[] der = Base64.getDecoder().decode(signature.strip());
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(der);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // not base64, not DER, not a signature of this curve
        }
    }

}
