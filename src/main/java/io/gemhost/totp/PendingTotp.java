package io.gemhost.totp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

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
    private long createdAt;

    protected PendingTotp() {
    }

    PendingTotp(long accountId, String sessionKey, String sealedKey, long createdAt) {
        this.accountId = accountId;
        this.sessionKey = sessionKey;
        this.sealedKey = sealedKey;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getSealedKey() { return sealedKey; }
    public long getCreatedAt() { return createdAt; }
}
