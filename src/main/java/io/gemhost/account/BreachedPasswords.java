package io.gemhost.account;

import io.gemhost.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Does this password appear in a data breach?" (docs/SECURITY.md, breached passwords). Asks the
 * k-anonymity range API of GEMHOST_PWNED_PASSWORDS_URL with the first five hex digits of the
 * password's SHA-1 only, and looks for the other 35 in its answer; when the service is off,
 * fails, or does not answer within 2 seconds, the list shipped in the WAR (BreachList) answers,
 * and the log says so. Neither the password nor its hash is ever logged.
 */
@ApplicationScoped
public class BreachedPasswords {

    private static final Logger LOG = Logger.getLogger(BreachedPasswords.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Settings settings;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** For a password about to be set: the range service's word, or the shipped list's when it has none. */
    public boolean refuses(String password) {
        byte[] sha1 = sha1(password);
        Optional<String> base = settings.pwnedPasswordsUrl();
        if (base.isEmpty()) {
            LOG.info("Breached-password check: the range service is off (GEMHOST_PWNED_PASSWORDS_URL is empty); the shipped list answered");
            return BreachList.shipped().contains(sha1);
        }
        Optional<Boolean> reported = ask(base.get(), sha1, "the shipped list answered");
        return reported.orElseGet(() -> BreachList.shipped().contains(sha1));
    }

    /** At sign-in: only what the range service reports; nothing when it is off or has no answer. */
    public boolean reported(String password) {
        return settings.pwnedPasswordsUrl()
                .flatMap(base -> ask(base, sha1(password), "the password was not checked at this sign-in"))
                .orElse(false);
    }

    private Optional<Boolean> ask(String base, byte[] sha1, String fallback) {
        String hex = HexFormat.of().withUpperCase().formatHex(sha1);
        String failure;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + hex.substring(0, 5)))
                    .timeout(TIMEOUT)
                    .header("Add-Padding", "true")
                    .header("User-Agent", "gemhost")
                    .GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
            if (response.statusCode() == 200) {
                LOG.fine("Breached-password check: the range service answered");
                return Optional.of(rangeReports(response.body(), hex.substring(5)));
            }
            failure = "answered HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            failure = "did not answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "was interrupted";
        }
        LOG.log(Level.INFO, "Breached-password check: the range service {0}; {1}", new Object[] {failure, fallback});
        return Optional.empty();
    }

    /**
     * Whether an answer of the range API lists this suffix with a count above 0. Its lines are
     * {@code SUFFIX:COUNT}: the 35 hex digits of a SHA-1 after the five that were asked, and how
     * often that hash was seen in breaches. With Add-Padding the service mixes in made-up lines of
     * count 0, which are no breach. Malformed lines are skipped.
     */
    static boolean rangeReports(String body, String suffix) {
        for (String line : body.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase(suffix)) {
                continue;
            }
            String count = line.substring(colon + 1).trim();
            if (count.matches("[0-9]{1,20}") && !count.matches("0+")) {
                return true;
            }
        }
        return false;
    }

    static byte[] sha1(String password) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
