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
import java.util.Locale;

/** A trusted publisher for a gem not pushed yet, made by an account, valid until its expiry. */
@Entity
@Table(name = "pending_trusted_publisher")
@NamedQuery(name = "PendingPublisher.ofAccount",
        query = "SELECT p FROM PendingPublisher p WHERE p.accountId = :account AND p.expiresAt > :now ORDER BY p.createdAt, p.id")
@NamedQuery(name = "PendingPublisher.forRepository",
        query = "SELECT p FROM PendingPublisher p WHERE p.kind = :kind AND p.repositoryKey = :repository AND p.expiresAt > :now ORDER BY p.id")
@NamedQuery(name = "PendingPublisher.forName",
        query = "SELECT p FROM PendingPublisher p WHERE p.gemNameKey = :name AND p.expiresAt > :now ORDER BY p.id")
public class PendingPublisher {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "account_id")
    private long accountId;
    @Column(name = "gem_name")
    private String gemName;
    @Column(name = "gem_name_key")
    private String gemNameKey;
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
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;
    @Column(name = "expires_at")
    @Convert(converter = EpochMillis.class)
    private Instant expiresAt;

    protected PendingPublisher() {
    }

    PendingPublisher(long accountId, String gemName, PublisherSpec spec, Instant createdAt, Instant expiresAt) {
        this.accountId = accountId;
        this.gemName = gemName;
        this.gemNameKey = nameKey(gemName);
        this.kind = spec.kind().code();
        this.repositoryOwner = spec.owner();
        this.repositoryName = spec.project();
        this.repositoryKey = spec.repositoryKey();
        this.workflow = spec.workflow();
        this.environment = spec.environment();
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Gem names compare without case (as gems does). */
    static String nameKey(String gemName) {
        return gemName.toLowerCase(Locale.ROOT);
    }

    public PublisherSpec spec() {
        return new PublisherSpec(PublisherKind.fromCode(kind).orElseThrow(), repositoryOwner, repositoryName, workflow, environment);
    }

    public Long getId() { return id; }
    public long getAccountId() { return accountId; }
    public String getGemName() { return gemName; }
    public String getOwnerId() { return ownerId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
}
