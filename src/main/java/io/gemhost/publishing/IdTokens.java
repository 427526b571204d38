package io.gemhost.publishing;

import static io.gemhost.publishing.ExchangeRefused.shown;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The token half of an exchange (docs/SECURITY.md), pure: a CI ID token is accepted only if it is
 * a JWS signed with RS256 or ES256 (never none or HMAC) by a key its issuer publishes under the
 * token's kid, its issuer is a configured provider, its audience is this gemhost's, and
 * {@code nbf <= now < exp} within {@link #LEEWAY}, with {@code iat} and {@code jti} present.
 * Parsing and signature checks are nimbus-jose-jwt's.
 */
final class IdTokens {

    /** Longer is not a CI token (GitHub's are about 1.5 KB). */
    static final int MAX_LENGTH = 16 * 1024;
    static final Duration LEEWAY = Duration.ofSeconds(30);
    private static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    /** The published keys of the issuers: the key with this kid, or ExchangeRefused. */
    interface Keys {
        JWK key(String issuer, String kid);
    }

    /** A token that passed: its issuer, that issuer's kind and the claims. */
    record Verified(String issuer, PublisherKind kind, JWTClaimsSet claims) {

        String jti() {
            return claims.getJWTID();
        }

        Instant expiresAt() {
            return claims.getExpirationTime().toInstant();
        }
    }

    private IdTokens() {
    }

    /** @param providers issuer URL to kind code, as GEMHOST_OIDC_PROVIDERS gives them */
    static Verified verify(String token, Map<String, String> providers, String audience, Keys keys, Clock clock) {
        if (token == null || token.isBlank() || token.length() > MAX_LENGTH) {
            throw ExchangeRefused.malformed("jwt must be an OIDC ID token of at most " + MAX_LENGTH + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException | RuntimeException e) {
            throw ExchangeRefused.malformed("jwt is not a JSON Web Token (three base64url parts of JSON)");
        }
        if (jwt instanceof PlainJWT) {
            throw ExchangeRefused.notAccepted("the token is not signed (alg none); only RS256 or ES256 signatures are accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw ExchangeRefused.malformed("jwt is not a signed JSON Web Token");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw ExchangeRefused.notAccepted("the token is signed with " + shown(alg) + "; only RS256 or ES256 signatures are accepted");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw ExchangeRefused.malformed("the token's claims are not a JSON object");
        }
        String issuer = claims.getIssuer();
        String kind = issuer == null ? null : providers.get(issuer);
        if (kind == null) {
            throw ExchangeRefused.notAccepted("the token's issuer " + shown(issuer) + " is not a trusted publishing provider of this gem host");
        }
        String kid = signed.getHeader().getKeyID();
        if (kid == null || kid.isEmpty() || kid.length() > 200) {
            throw ExchangeRefused.notAccepted("the token names no key (kid) of its issuer");
        }
        JWK key = keys.key(issuer, kid);
        boolean valid;
        try {
            valid = signed.verify(verifier(alg, key, issuer, kid));
        } catch (JOSEException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw ExchangeRefused.notAccepted("the token's signature does not verify under key " + shown(kid) + " of " + issuer);
        }
        checkClaims(claims, audience, clock.instant());
        return new Verified(issuer, PublisherKind.fromCode(kind).orElseThrow(), claims);
    }

    private static JWSVerifier verifier(JWSAlgorithm alg, JWK key, String issuer, String kid) throws JOSEException {
        if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
            throw ExchangeRefused.notAccepted("key " + shown(kid) + " of " + issuer + " is for " + key.getAlgorithm() + ", not " + alg);
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw ExchangeRefused.notAccepted("key " + shown(kid) + " of " + issuer + " is not a signing key");
        }
        if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAKey rsa) {
            return new RSASSAVerifier(rsa.toRSAPublicKey());
        }
        if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return new ECDSAVerifier(ec.toECPublicKey());
        }
        throw ExchangeRefused.notAccepted("key " + shown(kid) + " of " + issuer + " is not a key for " + alg);
    }

    private static void checkClaims(JWTClaimsSet claims, String audience, Instant now) {
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw ExchangeRefused.notAccepted("the token's audience is " + shown(aud) + "; this gem host accepts audience " + audience);
        }
        Date exp = claims.getExpirationTime();
        Date nbf = claims.getNotBeforeTime();
        Date iat = claims.getIssueTime();
        if (exp == null || nbf == null || iat == null) {
            throw ExchangeRefused.notAccepted("the token must carry exp, nbf and iat");
        }
        if (!now.isBefore(exp.toInstant().plus(LEEWAY))) {
            throw ExchangeRefused.notAccepted("the token expired at " + exp.toInstant());
        }
        if (now.plus(LEEWAY).isBefore(nbf.toInstant())) {
            throw ExchangeRefused.notAccepted("the token is not valid before " + nbf.toInstant());
        }
        if (now.plus(LEEWAY).isBefore(iat.toInstant())) {
            throw ExchangeRefused.notAccepted("the token was issued in the future (" + iat.toInstant() + ")");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > 255) {
            throw ExchangeRefused.notAccepted("the token must carry a jti of at most 255 characters");
        }
    }
}
