package io.gemhost.totp;

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

/** A key shown on /totp/new and not yet confirmed by a code. */
@Entity
@Table(name = "pending_totp")
@NamedQuery(name = "PendingTotp.find",
        query = "SELECT p FROM PendingTotp p WHERE p.accountId = :account AND p.sessionKey = :session")
public class PendingTotp {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "account_id")
    private long accountId;
    @Column(name = "session_key")
    private String sessionKey;
    @Column(name = "sealed_key")
    private String sealedKey;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;

    protected PendingTotp() {
    }

    PendingTotp(long accountId, String sessionKey, String sealedKey, Instant createdAt) {
        this.accountId = accountId;
        this.sessionKey = sessionKey;
        this.sealedKey = sealedKey;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getSealedKey() { return sealedKey; }
    public Instant getCreatedAt() { return createdAt; }
}
