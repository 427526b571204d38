package io.gemhost.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** GEMHOST_OIDC_PROVIDERS: KIND=ISSUER_URL, github or gitlab, http:// only outside production. */
class OidcSettingsTest {

    @Test
    void theDefaultIsGithubAndGitlabCom() {
        assertEquals(Map.of("https://token.actions.githubusercontent.com", "github", "https://gitlab.com", "gitlab"),
                Settings.parseOidcProviders(Settings.DEFAULT_OIDC_PROVIDERS, true));
    }

    @Test
    void aSelfManagedGitlabIsOneMoreEntry() {
        assertEquals("gitlab", Settings.parseOidcProviders(Settings.DEFAULT_OIDC_PROVIDERS + ",gitlab=https://git.example.org", true)
                .get("https://git.example.org"));
    }

    @Test
    void httpIssuersOnlyOutsideProduction() {
        assertEquals("github", Settings.parseOidcProviders("github=http://localhost:4000/github", false).get("http://localhost:4000/github"));
        assertThrows(IllegalStateException.class, () -> Settings.parseOidcProviders("github=http://localhost:4000/github", true));
    }

    @Test
    void otherKindsAndUrlsAreRefused() {
        for (String bad : new String[] {"bitbucket=https://x.example", "https://x.example", "github=ftp://x.example",
                "github=https://x.example/", "github=https://x.example?q", "github=https://u@x.example", "github="}) {
            assertThrows(IllegalStateException.class, () -> Settings.parseOidcProviders(bad, false), bad);
        }
    }
}
