package io.gemhost.scanning;

import io.gemhost.apikey.ApiKeys;
import io.gemhost.audit.Client;
import io.gemhost.publishing.PublisherKeys;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Revokes the keys a signed report names (docs/SECURITY.md, "Leaked keys"): an API key through
 * {@link ApiKeys#revokeLeaked}, a trusted publisher's key through {@link PublisherKeys#revokeLeaked};
 * each logs and mails its holders where the key was found, and the read caches drop it after the
 * commit. One transaction per report. A token that is no live key of this host is a false positive.
 */
@Stateless
public class LeakedKeys {

    /** The answer for one reported token: whether it was a key of this host, now revoked. */
    public record Labelled(String token, String type, boolean revoked) {

        public String label() {
            return revoked ? "true_positive" : "false_positive";
        }
    }

    /** The most tokens one report may hold. */
    public static final int MAX_TOKENS = LeakReport.MAX_TOKENS;

    @EJB
    ApiKeys apiKeys;
    @EJB
    PublisherKeys publisherKeys;

    /** One answer per reported token, in the report's order; empty when the body is no report. */
    public Optional<List<Labelled>> revoke(SignedReport report, Client client) {
        Optional<List<LeakReport.Reported>> tokens = LeakReport.parse(report.body());
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Boolean> revoked = new HashMap<>(); // a token reported twice in one report is revoked once
        return Optional.of(tokens.get().stream().map(t -> new Labelled(t.token(), t.type(),
                revoked.computeIfAbsent(t.token(), token -> revokeOne(token, LeakReport.place(t.url()), client)))).toList());
    }

    private boolean revokeOne(String token, String place, Client client) {
        return PublisherKeys.looksLike(token) ? publisherKeys.revokeLeaked(token, place, client) : apiKeys.revokeLeaked(token, place, client);
    }
}
