package io.gemhost.web;

import io.gemhost.GemhostException;
import io.gemhost.mfa.MfaPolicy.Action;
import io.gemhost.mfa.Proof;
import io.gemhost.publishing.PublisherKind;
import io.gemhost.publishing.PublisherSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a trusted publisher on the two pages that add one: the type, then two names, a
 * file and an environment, labelled for the type (GitHub: repository owner and name, workflow
 * filename; GitLab: namespace, project, CI config path). The form works without scripts: links
 * switch the labels, and whatever the labels said, the chosen type decides how the four values are read.
 */
public class PublisherForm {

    private String type = PublisherKind.GITHUB.code();
    private String owner;
    private String project;
    private String workflow;
    private String environment;

    /** The error key of each field, by the id of its input. */
    private static final Map<String, String> FIELDS = Map.of(
            "publisher.repositoryOwner", "owner", "publisher.namespace", "owner",
            "publisher.repositoryName", "project", "publisher.project", "project",
            "publisher.workflowFilename", "workflow", "publisher.ciConfigPath", "workflow",
            "publisher.environment", "environment", "publisher.type", "type");

    void readType(String code) {
        if (code != null && PublisherKind.fromCode(code).isPresent()) {
            type = code;
        }
    }

    /** The spec the fields of the form {@code formId} describe; empty, with the message at the wrong field, if one is wrong. */
    Optional<PublisherSpec> spec(String formId) {
        try {
            return Optional.of(new PublisherSpec(PublisherKind.fromCode(type).orElse(null), owner, project, workflow, environment));
        } catch (GemhostException e) {
            Pages.error(formId + ":" + FIELDS.getOrDefault(e.messageKey(), "type"), e.messageKey());
            return Optional.empty();
        }
    }

    /**
     * The account's current second factor for a publisher change, when MFA asks for one; false,
     * with the message at {@code field}, when it was refused. Adding and deleting both ask.
     */
    static boolean proved(Proof proof, long accountId, String code, String field) {
        Proof.Result proved = proof.secondFactor(accountId, code, Action.TRUSTED_PUBLISHER_FORM, Pages.client());
        if (!proved.ok()) {
            Pages.secondFactorError(field, proved.verdict());
        }
        return proved.ok();
    }

    public boolean isGitlab() {
        return PublisherKind.GITLAB.code().equals(type);
    }

    public List<PublisherKind> getKinds() {
        return List.of(PublisherKind.values());
    }

    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getProject() { return project; }
    public void setProject(String project) { this.project = project; }
    public String getWorkflow() { return workflow; }
    public void setWorkflow(String workflow) { this.workflow = workflow; }
    public String getEnvironment() { return environment; }
    public void setEnvironment(String environment) { this.environment = environment; }
}
