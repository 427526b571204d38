package io.gemhost.publishing;

import io.gemhost.JsonFetch;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.gemhost.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * This node's copy of the issuers' keys ({@link KeyCache}), fetched over HTTP: the issuer's
 * {@code /.well-known/openid-configuration}, whose {@code issuer} must be the issuer and whose
 * {@code jwks_uri} must be on the issuer's own scheme, host and port (no fetching of URLs a
 * document names elsewhere), then that key set. 2-second timeouts, no redirects, at most 256 KB
 * per answer.
 */
@ApplicationScoped
public class IssuerKeys implements IdTokens.Keys {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_BYTES = 256 * 1024;

    @Inject
    Clock clock;

    private KeyCache cache;
    private JsonFetch http;

    @PostConstruct
    void init() {
        http = new JsonFetch(TIMEOUT, MAX_BYTES);
        long refetch = Long.parseLong(Settings.read("GEMHOST_OIDC_KEY_REFETCH_S", "60"));
        cache = new KeyCache(this::fetch, clock, Duration.ofSeconds(Math.max(0, Math.min(refetch, 3600))));
    }

    @Override
    public JWK key(String issuer, String kid) {
        return cache.key(issuer, kid);
    }

    JWKSet fetch(String issuer) throws IOException {
        Map<String, Object> discovery;
        try {
            discovery = JSONObjectUtils.parse(http.get(issuer + "/.well-known/openid-configuration"));
        } catch (ParseException e) {
            throw new IOException("its openid-configuration is not JSON");
        }
        if (!issuer.equals(discovery.get("issuer"))) {
            throw new IOException("its openid-configuration names another issuer");
        }
        Object jwksUri = discovery.get("jwks_uri");
        if (!(jwksUri instanceof String uri) || !sameOrigin(issuer, uri)) {
            throw new IOException("its jwks_uri is not on the issuer's own host");
        }
        try {
            return JWKSet.parse(http.get(uri));
        } catch (ParseException e) {
            throw new IOException("its jwks_uri is not a JWK set");
        }
    }

    /** Whether {@code url} is on the issuer's scheme, host and port, without user information. */
    static boolean sameOrigin(String issuer, String url) {
        try {
            URI a = new URI(issuer);
            URI b = new URI(url);
            return b.getScheme() != null && b.getScheme().equals(a.getScheme()) && b.getRawUserInfo() == null
                    && b.getHost() != null && b.getHost().toLowerCase(Locale.ROOT).equals(a.getHost().toLowerCase(Locale.ROOT))
                    && port(a) == port(b);
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
