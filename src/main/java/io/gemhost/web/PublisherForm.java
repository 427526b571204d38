package io.gemhost.web;

import io.gemhost.publishing.PublisherKind;
import io.gemhost.publishing.PublisherSpec;
import java.util.List;
import java.util.Map;

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

    /** The spec the fields describe; a GemhostException names the field that is wrong. */
    PublisherSpec spec() {
        PublisherKind kind = PublisherKind.fromCode(type).orElse(null);
        return new PublisherSpec(kind, owner, project, workflow, environment);
    }

    /** The id of the input an error key is about ("type" for anything else). */
    String fieldOf(String errorKey) {
        return FIELDS.getOrDefault(errorKey, "type");
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
