package io.gemhost.publishing;

import static io.gemhost.publishing.ExchangeRefused.shown;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publisher half of an exchange (docs/SECURITY.md), pure: whether a verified token's claims
 * are those of the workflow a publisher trusts, and if not, which claim differs, in a sentence
 * for the workflow's author.
 * <ul>
 * <li>GitHub: {@code repository} = OWNER/NAME; {@code job_workflow_ref} =
 * OWNER/NAME/.github/workflows/FILE@REF with REF the token's {@code ref} or {@code sha};
 * {@code repository_owner_id} = the id the publisher recorded (when it has one).</li>
 * <li>GitLab: {@code project_path} = NAMESPACE/PROJECT; {@code ci_config_ref_uri} =
 * HOST/NAMESPACE/PROJECT//PATH@REF with HOST the issuer without its scheme and REF the token's
 * {@code ref_path}; {@code namespace_id} = the recorded id.</li>
 * <li>Both: {@code environment} equal to the publisher's when it names one.</li>
 * </ul>
 */
final class ClaimCheck {

    private static final Pattern GITHUB_WORKFLOW = Pattern.compile("/\\.github/workflows/([^@]+)@");
    private static final Pattern GITLAB_CONFIG = Pattern.compile("//([^@]+)@");

    private ClaimCheck() {
    }

    /** The claim naming the repository or project, which publishers are looked up by. */
    static String repository(PublisherKind kind, JWTClaimsSet claims) {
        return string(claims, kind == PublisherKind.GITHUB ? "repository" : "project_path");
    }

    /** The owner (GitHub) or namespace (GitLab) id the publisher pins. */
    static String ownerId(PublisherKind kind, JWTClaimsSet claims) {
        return string(claims, kind == PublisherKind.GITHUB ? "repository_owner_id" : "namespace_id");
    }

    /** "repository acme/widget, workflow release.yml" or "project group/widget, CI config .gitlab-ci.yml". */
    static String describe(PublisherKind kind, JWTClaimsSet claims) {
        if (kind == PublisherKind.GITHUB) {
            Matcher m = GITHUB_WORKFLOW.matcher(nonNull(string(claims, "job_workflow_ref")));
            return "repository " + shown(repository(kind, claims)) + ", workflow " + (m.find() ? shown(m.group(1)) : "(none)");
        }
        Matcher m = GITLAB_CONFIG.matcher(nonNull(string(claims, "ci_config_ref_uri")));
        return "project " + shown(repository(kind, claims)) + ", CI config " + (m.find() ? shown(m.group(1)) : "(none)");
    }

    /** Whether the token comes from the repository and workflow (or project and CI config) the publisher trusts. */
    static boolean sameWorkflow(PublisherSpec spec, JWTClaimsSet claims, String issuer) {
        String repository = repository(spec.kind(), claims);
        return repository != null && repository.equalsIgnoreCase(spec.repository())
                && (spec.kind() == PublisherKind.GITHUB ? githubWorkflow(spec, repository, claims) : gitlabConfig(spec, repository, claims, issuer)) == null;
    }

    /** Null when the claims satisfy the publisher, else why not. */
    static String mismatch(PublisherSpec spec, String pinnedOwnerId, JWTClaimsSet claims, String issuer) {
        String repository = repository(spec.kind(), claims);
        String which = spec.kind() == PublisherKind.GITHUB ? "repository" : "project";
        if (repository == null || !repository.equalsIgnoreCase(spec.repository())) {
            return "the token's " + which + " is " + shown(repository) + ", not " + spec.repository();
        }
        String workflowProblem = spec.kind() == PublisherKind.GITHUB ? githubWorkflow(spec, repository, claims) : gitlabConfig(spec, repository, claims, issuer);
        if (workflowProblem != null) {
            return workflowProblem;
        }
        if (spec.environment() != null && !spec.environment().equals(string(claims, "environment"))) {
            return "the trusted publisher " + spec.label() + " accepts only environment " + spec.environment()
                    + "; the token's environment is " + shown(string(claims, "environment"));
        }
        String ownerId = ownerId(spec.kind(), claims);
        String idName = spec.kind() == PublisherKind.GITHUB ? "repository owner id" : "namespace id";
        if (ownerId == null || ownerId.isEmpty()) {
            return "the token carries no " + idName;
        }
        if (pinnedOwnerId != null && !pinnedOwnerId.equals(ownerId)) {
            return "the token's " + idName + " " + shown(ownerId) + " is not the one the trusted publisher " + spec.label()
                    + " recorded at its first exchange (" + pinnedOwnerId + "): the owner of that name was deleted and made again?";
        }
        return null;
    }

    private static String githubWorkflow(PublisherSpec spec, String repository, JWTClaimsSet claims) {
        String ref = string(claims, "job_workflow_ref");
        String expected = repository + "/.github/workflows/" + spec.workflow() + "@";
        String wanted = "the token's workflow is not " + spec.workflow() + " of " + spec.repository() + " at the run's ref or sha ("
                + describe(PublisherKind.GITHUB, claims) + ")";
        if (ref == null || !ref.startsWith(expected)) {
            return wanted;
        }
        String at = ref.substring(expected.length());
        if (at.isEmpty() || !(at.equals(string(claims, "ref")) || at.equals(string(claims, "sha")))) {
            return wanted;
        }
        return null;
    }

    private static String gitlabConfig(PublisherSpec spec, String project, JWTClaimsSet claims, String issuer) {
        String uri = string(claims, "ci_config_ref_uri");
        String host = issuer.substring(issuer.indexOf("://") + 3);
        String expected = host + "/" + project + "//" + spec.workflow() + "@";
        String wanted = "the token's CI config is not " + spec.workflow() + " of " + spec.repository() + " at the pipeline's ref ("
                + describe(PublisherKind.GITLAB, claims) + ")";
        if (uri == null || !uri.startsWith(expected)) {
            return wanted;
        }
        String at = uri.substring(expected.length());
        String refPath = string(claims, "ref_path");
        if (at.isEmpty() || (refPath != null && !at.equals(refPath))) {
            return wanted;
        }
        return null;
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : value instanceof Number n ? n.toString() : null;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
