package io.gemhost.publishing;

import io.gemhost.GemhostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a trusted publisher trusts, validated: for GitHub a repository (owner, name), a workflow file
 * name and an optional environment; for GitLab a project (namespace, project), a CI config path
 * (default {@code .gitlab-ci.yml}) and an optional environment. {@code owner}/{@code project} hold
 * the repository owner and name or the GitLab namespace and project. Pure.
 */
public record PublisherSpec(PublisherKind kind, String owner, String project, String workflow, String environment) {

    public static final String GITLAB_DEFAULT_CONFIG = ".gitlab-ci.yml";

    private static final Pattern GITHUB_OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern WORKFLOW_FILE = Pattern.compile("[A-Za-z0-9._-]{1,250}\\.ya?ml");
    private static final Pattern GITLAB_NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,100}(?:/[A-Za-z0-9._-]{1,100}){0,20}");
    private static final Pattern CONFIG_PATH = Pattern.compile("[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*");

    /** Validates and normalises (trims; an empty environment is none); a refusal names the field. */
    public PublisherSpec {
        owner = trim(owner);
        project = trim(project);
        workflow = trim(workflow);
        environment = trim(environment);
        if (environment != null && environment.isEmpty()) {
            environment = null;
        }
        if (kind == null) {
            throw new GemhostException("publisher.type");
        }
        if (kind == PublisherKind.GITHUB) {
            if (owner == null || !GITHUB_OWNER.matcher(owner).matches()) {
                throw new GemhostException("publisher.repositoryOwner");
            }
            if (project == null || !NAME.matcher(project).matches() || project.equals(".") || project.equals("..")) {
                throw new GemhostException("publisher.repositoryName");
            }
            if (workflow == null || !WORKFLOW_FILE.matcher(workflow).matches()) {
                throw new GemhostException("publisher.workflowFilename");
            }
        } else {
            if (owner == null || owner.length() > 255 || !GITLAB_NAMESPACE.matcher(owner).matches() || hasDotSegment(owner)) {
                throw new GemhostException("publisher.namespace");
            }
            if (project == null || !NAME.matcher(project).matches() || project.equals(".") || project.equals("..")) {
                throw new GemhostException("publisher.project");
            }
            if (workflow == null || workflow.isEmpty()) {
                workflow = GITLAB_DEFAULT_CONFIG;
            }
            if (workflow.length() > 255 || !CONFIG_PATH.matcher(workflow).matches() || hasDotSegment(workflow)) {
                throw new GemhostException("publisher.ciConfigPath");
            }
        }
        if (environment != null && (environment.length() > 255 || !environment.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f))) {
            throw new GemhostException("publisher.environment");
        }
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** "owner/name" (GitHub) or "namespace/project" (GitLab), as the token's claim spells it. */
    public String repository() {
        return owner + "/" + project;
    }

    /** The stored lookup form: repository names compare without case on both systems. */
    public String repositoryKey() {
        return repository().toLowerCase(Locale.ROOT);
    }

    /** rubygems.org's name: "GitHub Actions acme/widget @ .github/workflows/release.yml". */
    public String displayName() {
        return kind.label() + " " + repository() + " @ " + (kind == PublisherKind.GITHUB ? ".github/workflows/" : "") + workflow;
    }

    /** The short form of the security log: "GitHub Actions acme/widget @ release.yml" (plus the environment, if any). */
    public String label() {
        return kind.label() + " " + repository() + " @ " + workflow + (environment == null ? "" : " (environment " + environment + ")");
    }

    public boolean sameAs(PublisherSpec other) {
        return kind == other.kind && repositoryKey().equals(other.repositoryKey()) && workflow.equals(other.workflow)
                && java.util.Objects.equals(environment, other.environment);
    }
}
