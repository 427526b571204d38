package io.gemhost.recovery;

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

/** One recovery code: its non-secret lookup part and a salted PBKDF2 hash of its secret part. */
@Entity
@Table(name = "recovery_code")
@NamedQuery(name = "RecoveryCode.findUnused",
        query = "SELECT c FROM RecoveryCode c WHERE c.accountId = :account AND c.lookup = :lookup AND c.usedAt IS NULL")
@NamedQuery(name = "RecoveryCode.countUnused",
        query = "SELECT COUNT(c) FROM RecoveryCode c WHERE c.accountId = :account AND c.usedAt IS NULL")
public class RecoveryCode {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "account_id")
    private long accountId;
    private String lookup;
    @Column(name = "code_hash")
    private String codeHash;
    @Column(name = "used_at")
    @Convert(converter = EpochMillis.class)
    private Instant usedAt;

    protected RecoveryCode() {
    }

    RecoveryCode(long accountId, String lookup, String codeHash) {
        this.accountId = accountId;
        this.lookup = lookup;
        this.codeHash = codeHash;
    }

    public Long getId() { return id; }
    public String getLookup() { return lookup; }
    public String getCodeHash() { return codeHash; }
    public Instant getUsedAt() { return usedAt; }
}
