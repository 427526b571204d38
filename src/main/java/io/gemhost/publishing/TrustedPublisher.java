package io.gemhost.publishing;

import io.gemhost.config.EpochMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A gem's trusted publisher. Changes (the pinned owner id, last use) are written by conditional
 * updates, so it is never in the shared cache.
 */
@Entity
@Table(name = "trusted_publisher")
@NamedQuery(name = "TrustedPublisher.ofGem", query = "SELECT p FROM TrustedPublisher p WHERE p.gemId = :gem ORDER BY p.createdAt, p.id")
@NamedQuery(name = "TrustedPublisher.forRepository",
        query = "SELECT p FROM TrustedPublisher p WHERE p.kind = :kind AND p.repositoryKey = :repository ORDER BY p.id")
public class TrustedPublisher {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "gem_id")
    private long gemId;
    private String kind;
    @Column(name = "repository_owner")
    private String repositoryOwner;
    @Column(name = "repository_name")
    private String repositoryName;
    @Column(name = "repository_key")
    private String repositoryKey;
    private String workflow;
    private String environment;
    @Column(name = "owner_id")
    private String ownerId;
    @Column(name = "created_by")
    private Long createdBy;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;
    @Column(name = "last_used_at")
    @Convert(converter = EpochMillis.class)
    private Instant lastUsedAt;

    protected TrustedPublisher() {
    }

    TrustedPublisher(long gemId, PublisherSpec spec, String ownerId, Long createdBy, Instant createdAt) {
        this.gemId = gemId;
        this.kind = spec.kind().code();
        this.repositoryOwner = spec.owner();
        this.repositoryName = spec.project();
        this.repositoryKey = spec.repositoryKey();
        this.workflow = spec.workflow();
        this.environment = spec.environment();
        this.ownerId = ownerId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public PublisherSpec spec() {
        return new PublisherSpec(PublisherKind.fromCode(kind).orElseThrow(), repositoryOwner, repositoryName, workflow, environment);
    }

    public Long getId() { return id; }
    public long getGemId() { return gemId; }
    public String getOwnerId() { return ownerId; }
    public Long getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
}
