package io.gemhost.publishing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Keys and ID tokens shaped like GitHub's and GitLab's, for the unit tests. */
final class Tokens {

    static final String GITHUB = "https://token.actions.githubusercontent.com";
    static final String GITLAB = "https://gitlab.example.com";
    static final String AUDIENCE = "gems.example.org";

    private Tokens() {
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GitHub's claims for a run of acme/widget's release.yml on refs/heads/main, valid from now - 10 s for 5 minutes. */
    static JWTClaimsSet.Builder github(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(GITHUB).audience(AUDIENCE).subject("repo:acme/widget:ref:refs/heads/main")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(10))).notBeforeTime(Date.from(now.minusSeconds(10)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("repository", "acme/widget").claim("repository_owner", "acme").claim("repository_owner_id", "4242")
                .claim("repository_id", "99").claim("ref", "refs/heads/main").claim("sha", "0123456789abcdef0123456789abcdef01234567")
                .claim("workflow_ref", "acme/widget/.github/workflows/release.yml@refs/heads/main")
                .claim("job_workflow_ref", "acme/widget/.github/workflows/release.yml@refs/heads/main")
                .claim("event_name", "push").claim("run_id", "1");
    }

    /** GitLab's claims for group/sub/widget's .gitlab-ci.yml on refs/heads/main. */
    static JWTClaimsSet.Builder gitlab(Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(GITLAB).audience(AUDIENCE).subject("project_path:group/sub/widget:ref_type:branch:ref:main")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(10))).notBeforeTime(Date.from(now.minusSeconds(10)))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("project_path", "group/sub/widget").claim("project_id", "7").claim("namespace_path", "group/sub")
                .claim("namespace_id", "77").claim("ref", "main").claim("ref_type", "branch").claim("ref_path", "refs/heads/main")
                .claim("ci_config_ref_uri", "gitlab.example.com/group/sub/widget//.gitlab-ci.yml@refs/heads/main")
                .claim("pipeline_source", "push");
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> providers() {
        return Map.of(GITHUB, "github", GITLAB, "gitlab");
    }
}
