package io.gemhost.totp;

import io.gemhost.config.EpochMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's confirmed authenticator key, sealed, with the last time step it accepted. */
@Entity
@Table(name = "totp_key")
public class TotpKey {

    @Id
    @Column(name = "account_id")
    private Long accountId;
    @Column(name = "sealed_key")
    private String sealedKey;
    @Column(name = "last_step")
    private long lastStep;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;

    protected TotpKey() {
    }

    TotpKey(long accountId, String sealedKey, long lastStep, Instant createdAt) {
        this.accountId = accountId;
        this.sealedKey = sealedKey;
        this.lastStep = lastStep;
        this.createdAt = createdAt;
    }

    public Long getAccountId() { return accountId; }
    public String getSealedKey() { return sealedKey; }
    public long getLastStep() { return lastStep; }
    public Instant getCreatedAt() { return createdAt; }
}
