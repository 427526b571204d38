package io.gemhost.gems;

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

@Entity
@Table(name = "gem_version")
@NamedQuery(name = "GemVersion.find",
        query = "SELECT v FROM GemVersion v WHERE v.gemId = :gem AND v.number = :number AND v.platform = :platform")
@NamedQuery(name = "GemVersion.ofGem", query = "SELECT v FROM GemVersion v WHERE v.gemId = :gem ORDER BY v.createdAt, v.id")
public class GemVersion {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "gem_id")
    private long gemId;
    private String number;
    private String platform;
    @Column(name = "file_name")
    private String fileName;
    @Column(name = "mfa_required")
    private boolean mfaRequired;
    @Column(name = "pushed_by")
    private Long pushedBy;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;

    protected GemVersion() {
    }

    GemVersion(long gemId, GemSpec spec, Long pushedBy, Instant createdAt) {
        this.gemId = gemId;
        this.number = spec.version();
        this.platform = spec.platform();
        this.fileName = spec.fileName();
        this.mfaRequired = spec.mfaRequired();
        this.pushedBy = pushedBy;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getNumber() { return number; }
    public String getPlatform() { return platform; }
    public String getFileName() { return fileName; }
    public boolean isMfaRequired() { return mfaRequired; }
}
