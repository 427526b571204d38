package io.gemhost.publishing;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CI systems a trusted publisher can be: the code stored and used in GEMHOST_OIDC_PROVIDERS,
 * the name people read, and the type name of rubygems.org's API (gemhost's own for GitLab).
 */
public enum PublisherKind {
    GITHUB("github", "GitHub Actions", "OIDC::TrustedPublisher::GitHubAction"),
    GITLAB("gitlab", "GitLab CI/CD", "OIDC::TrustedPublisher::GitLab");

    private final String code;
    private final String label;
    private final String wireType;

    PublisherKind(String code, String label, String wireType) {
        this.code = code;
        this.label = label;
        this.wireType = wireType;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** {@code trusted_publisher_type} of the API. */
    public String wireType() {
        return wireType;
    }

    public static Optional<PublisherKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    public static Optional<PublisherKind> fromWireType(String type) {
        return Arrays.stream(values()).filter(k -> k.wireType.equals(type)).findFirst();
    }
}
