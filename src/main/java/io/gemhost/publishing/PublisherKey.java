package io.gemhost.publishing;

import io.gemhost.config.EpochMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A key made by an exchange: the SHA-256 digest only, its name, who it speaks for (label) and its expiry. */
@Entity
@Table(name = "publisher_key")
public class PublisherKey {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    private String digest;
    private String name;
    private String label;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;
    @Column(name = "expires_at")
    @Convert(converter = EpochMillis.class)
    private Instant expiresAt;

    protected PublisherKey() {
    }

    PublisherKey(String digest, String name, String label, Instant createdAt, Instant expiresAt) {
        this.digest = digest;
        this.name = clip(name);
        this.label = clip(label);
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    private static String clip(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400);
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getLabel() { return label; }
    public Instant getExpiresAt() { return expiresAt; }
}
