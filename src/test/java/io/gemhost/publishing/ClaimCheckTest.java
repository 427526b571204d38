package io.gemhost.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The publisher half of an exchange: which claims must equal what the publisher trusts. */
class ClaimCheckTest {

    static final Instant NOW = Instant.parse("2026-12-06T17:00:00Z");
    static final PublisherSpec RELEASE = new PublisherSpec(PublisherKind.GITHUB, "acme", "widget", "release.yml", null);
    static final PublisherSpec GITLAB = new PublisherSpec(PublisherKind.GITLAB, "group/sub", "widget", null, null);

    static String github(PublisherSpec spec, String pinned, JWTClaimsSet.Builder claims) {
        return ClaimCheck.mismatch(spec, pinned, claims.build(), Tokens.GITHUB);
    }

    static String gitlab(PublisherSpec spec, String pinned, JWTClaimsSet.Builder claims) {
        return ClaimCheck.mismatch(spec, pinned, claims.build(), Tokens.GITLAB);
    }

    @Test
    void githubMatchesRepositoryWorkflowAndRefOrSha() {
        assertNull(github(RELEASE, null, Tokens.github(NOW)));
        assertNull(github(RELEASE, "4242", Tokens.github(NOW)));
        assertNull(github(RELEASE, null, Tokens.github(NOW)
                .claim("job_workflow_ref", "acme/widget/.github/workflows/release.yml@0123456789abcdef0123456789abcdef01234567")));
        assertNull(github(new PublisherSpec(PublisherKind.GITHUB, "ACME", "Widget", "release.yml", null), null, Tokens.github(NOW)),
                "GitHub names compare without case");
    }

    @Test
    void githubRefusesAnotherRepositoryWorkflowOrRef() {
        assertTrue(github(RELEASE, null, Tokens.github(NOW).claim("repository", "acme/other")).contains("repository"));
        assertTrue(github(RELEASE, null, Tokens.github(NOW)
                .claim("job_workflow_ref", "acme/widget/.github/workflows/other.yml@refs/heads/main")).contains("workflow"));
        assertTrue(github(RELEASE, null, Tokens.github(NOW)
                .claim("job_workflow_ref", "acme/widget/.github/workflows/release.yml@refs/heads/evil")).contains("workflow"));
        // a reusable workflow of another repository called from acme/widget is not acme/widget's release.yml
        assertTrue(github(RELEASE, null, Tokens.github(NOW)
                .claim("job_workflow_ref", "evil/tools/.github/workflows/release.yml@refs/heads/main")).contains("workflow"));
        assertTrue(github(RELEASE, null, Tokens.github(NOW).claim("job_workflow_ref", null)).contains("workflow"));
    }

    @Test
    void environmentIsRequiredOnlyWhenThePublisherNamesOne() {
        PublisherSpec withEnv = new PublisherSpec(PublisherKind.GITHUB, "acme", "widget", "release.yml", "release");
        assertNull(github(withEnv, null, Tokens.github(NOW).claim("environment", "release")));
        assertTrue(github(withEnv, null, Tokens.github(NOW).claim("environment", "staging")).contains("environment"));
        assertTrue(github(withEnv, null, Tokens.github(NOW)).contains("environment"));
        assertNull(github(RELEASE, null, Tokens.github(NOW).claim("environment", "anything")));
    }

    @Test
    void thePinnedOwnerIdMustMatch() {
        String reason = github(RELEASE, "1111", Tokens.github(NOW));
        assertTrue(reason.contains("owner id"), reason);
        assertTrue(github(RELEASE, null, Tokens.github(NOW).claim("repository_owner_id", null)).contains("owner id"));
    }

    @Test
    void gitlabMatchesProjectConfigPathEnvironmentAndNamespaceId() {
        assertNull(gitlab(GITLAB, null, Tokens.gitlab(NOW)));
        assertNull(gitlab(GITLAB, "77", Tokens.gitlab(NOW)));
        assertTrue(gitlab(GITLAB, "78", Tokens.gitlab(NOW)).contains("namespace id"));
        assertTrue(gitlab(GITLAB, null, Tokens.gitlab(NOW).claim("project_path", "group/sub/other")).contains("project"));
        assertTrue(gitlab(GITLAB, null, Tokens.gitlab(NOW)
                .claim("ci_config_ref_uri", "gitlab.example.com/group/sub/widget//ci/other.yml@refs/heads/main")).contains("CI config"));
        assertTrue(gitlab(GITLAB, null, Tokens.gitlab(NOW)
                .claim("ci_config_ref_uri", "gitlab.example.com/group/sub/widget//.gitlab-ci.yml@refs/heads/other")).contains("CI config"));
        assertTrue(gitlab(GITLAB, null, Tokens.gitlab(NOW)
                .claim("ci_config_ref_uri", "evil.example/group/sub/widget//.gitlab-ci.yml@refs/heads/main")).contains("CI config"));
        PublisherSpec custom = new PublisherSpec(PublisherKind.GITLAB, "group/sub", "widget", "ci/release.yml", "production");
        assertNull(gitlab(custom, null, Tokens.gitlab(NOW).claim("environment", "production")
                .claim("ci_config_ref_uri", "gitlab.example.com/group/sub/widget//ci/release.yml@refs/heads/main")));
        assertTrue(gitlab(custom, null, Tokens.gitlab(NOW)
                .claim("ci_config_ref_uri", "gitlab.example.com/group/sub/widget//ci/release.yml@refs/heads/main")).contains("environment"));
    }

    @Test
    void describeNamesWhatTheTokenCameFrom() {
        assertEquals("repository acme/widget, workflow release.yml", ClaimCheck.describe(PublisherKind.GITHUB, Tokens.github(NOW).build()));
        assertEquals("project group/sub/widget, CI config .gitlab-ci.yml", ClaimCheck.describe(PublisherKind.GITLAB, Tokens.gitlab(NOW).build()));
    }

    @Test
    void publisherFieldsAreValidated() {
        for (String[] bad : new String[][] {{"acme/x", "widget", "release.yml"}, {"acme", "wid get", "release.yml"},
                {"acme", "widget", "release.txt"}, {"acme", "widget", "dir/release.yml"}, {"", "widget", "release.yml"}}) {
            org.junit.jupiter.api.Assertions.assertThrows(io.gemhost.GemhostException.class,
                    () -> new PublisherSpec(PublisherKind.GITHUB, bad[0], bad[1], bad[2], null), String.join(" ", bad));
        }
        org.junit.jupiter.api.Assertions.assertThrows(io.gemhost.GemhostException.class,
                () -> new PublisherSpec(PublisherKind.GITLAB, "group/../x", "widget", null, null));
        org.junit.jupiter.api.Assertions.assertThrows(io.gemhost.GemhostException.class,
                () -> new PublisherSpec(PublisherKind.GITLAB, "group", "widget", "../x.yml", null));
        assertEquals(".gitlab-ci.yml", new PublisherSpec(PublisherKind.GITLAB, "group", "widget", " ", " ").workflow());
    }
}
