package io.gemhost.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token half of an exchange: signature, algorithm, issuer, audience, times, jti. */
class IdTokensTest {

    static final Instant NOW = Instant.parse("2026-12-06T17:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final RSAKey GITHUB_KEY = Tokens.rsa("gh-1");
    static final ECKey GITLAB_KEY = Tokens.ec("gl-1");

    /** The issuers' published keys: public halves only, by issuer and kid. */
    static final IdTokens.Keys KEYS = (issuer, kid) -> {
        Map<String, JWK> known = Map.of(Tokens.GITHUB + " gh-1", GITHUB_KEY.toPublicJWK(), Tokens.GITLAB + " gl-1", GITLAB_KEY.toPublicJWK());
        JWK key = known.get(issuer + " " + kid);
        if (key == null) {
            throw ExchangeRefused.notAccepted("no key " + kid + " at " + issuer);
        }
        return key;
    };

    static IdTokens.Verified verify(String token) {
        return IdTokens.verify(token, Tokens.providers(), Tokens.AUDIENCE, KEYS, CLOCK);
    }

    static ExchangeRefused refused(String token) {
        return assertThrows(ExchangeRefused.class, () -> verify(token));
    }

    @Test
    void githubRs256AndGitlabEs256TokensVerify() {
        IdTokens.Verified github = verify(Tokens.sign(GITHUB_KEY, Tokens.github(NOW).build()));
        assertEquals(PublisherKind.GITHUB, github.kind());
        assertEquals("acme/widget", github.claims().getClaim("repository"));
        IdTokens.Verified gitlab = verify(Tokens.sign(GITLAB_KEY, Tokens.gitlab(NOW).build()));
        assertEquals(PublisherKind.GITLAB, gitlab.kind());
        assertEquals(Tokens.GITLAB, gitlab.issuer());
    }

    @Test
    void aForgedSignatureUnderAKnownKidIsRefused() {
        RSAKey forger = Tokens.rsa("gh-1"); // the same kid, another key
        ExchangeRefused e = refused(Tokens.sign(forger, Tokens.github(NOW).build()));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String none = new PlainJWT(Tokens.github(NOW).build()).serialize();
        ExchangeRefused e = refused(none);
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("RS256 or ES256"), e.getMessage());
        // alg none with a signature part glued on, and "None" spelled otherwise
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"gh-1\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String[] parts = Tokens.sign(GITHUB_KEY, Tokens.github(NOW).build()).split("\\.");
        assertTrue(refused(header + "." + parts[1] + "." + parts[2]).status() >= 400);
    }

    @Test
    void hmacIsRefusedEvenKeyedWithThePublicKey() throws Exception {
        // the classic confusion: HS256 with the issuer's public key bytes as the secret
        byte[] secret = GITHUB_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("gh-1").build(), Tokens.github(NOW).build());
        jwt.sign(new MACSigner(secret));
        ExchangeRefused e = refused(jwt.serialize());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("HS256"), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongTypeForTheAlgorithmIsRefused() {
        // ES256 in the header, but the kid names the issuer's RSA key
        ECKey ec = Tokens.ec("gh-1");
        assertEquals(404, refused(Tokens.sign(ec, Tokens.github(NOW).build())).status());
    }

    @Test
    void anotherIssuerIsRefused() {
        ExchangeRefused e = refused(Tokens.sign(GITHUB_KEY, Tokens.github(NOW).issuer("https://evil.example").build()));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("https://evil.example is not a trusted publishing provider"), e.getMessage());
    }

    @Test
    void anotherAudienceIsRefused() {
        ExchangeRefused e = refused(Tokens.sign(GITHUB_KEY, Tokens.github(NOW).audience("rubygems.org").build()));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("audience"), e.getMessage());
    }

    @Test
    void expiredAndNotYetValidTokensAreRefusedBeyondTheLeeway() {
        Instant exp = NOW.minusSeconds(31);
        assertTrue(refused(Tokens.sign(GITHUB_KEY, Tokens.github(NOW).expirationTime(Date.from(exp)).build())).getMessage().contains("expired"));
        Instant nbf = NOW.plusSeconds(31);
        assertTrue(refused(Tokens.sign(GITHUB_KEY, Tokens.github(NOW).notBeforeTime(Date.from(nbf)).build())).getMessage().contains("not valid before"));
        // within the leeway both pass
        verify(Tokens.sign(GITHUB_KEY, Tokens.github(NOW).expirationTime(Date.from(NOW.minusSeconds(20))).build()));
        verify(Tokens.sign(GITHUB_KEY, Tokens.github(NOW).notBeforeTime(Date.from(NOW.plusSeconds(20))).build()));
    }

    @Test
    void iatNbfExpAndJtiMustBePresent() {
        for (String claim : new String[] {"iat", "nbf", "exp", "jti"}) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(Tokens.github(NOW).build()).claim(claim, null).build();
            assertEquals(404, refused(Tokens.sign(GITHUB_KEY, claims)).status(), claim);
        }
    }

    @Test
    void malformedTokensAre400AndNeverEchoed() {
        for (String bad : new String[] {"", "abc", "a.b.c", "x".repeat(20_000), "eyJhbGciOiJSUzI1NiJ9.!!!.abc"}) {
            ExchangeRefused e = refused(bad);
            assertEquals(400, e.status(), bad);
            assertTrue(bad.length() < 4 || !e.getMessage().contains(bad), e.getMessage());
        }
        String token = Tokens.sign(GITHUB_KEY, Tokens.github(NOW).audience("other").build());
        assertTrue(!refused(token).getMessage().contains(token));
    }
}
