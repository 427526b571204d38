package io.gemhost.apikey;

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
import java.util.Set;

/**
 * An API key: only the SHA-256 digest of the key is stored, with its name, scopes and mfa flag,
 * and its terms, fixed when it is made: when it expires (null: never) and the one gem it serves
 * (null: any gem its account owns).
 */
@Entity
@Table(name = "api_key")
@NamedQuery(name = "ApiKey.findByDigest", query = "SELECT k FROM ApiKey k WHERE k.digest = :digest")
@NamedQuery(name = "ApiKey.forAccount", query = "SELECT k FROM ApiKey k WHERE k.accountId = :account ORDER BY k.createdAt DESC, k.id DESC")
public class ApiKey {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "account_id")
    private long accountId;
    private String name;
    private String digest;
    private String scopes;
    private boolean mfa;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;
    @Column(name = "last_used_at")
    @Convert(converter = EpochMillis.class)
    private Instant lastUsedAt;
    @Column(name = "expires_at")
    @Convert(converter = EpochMillis.class)
    private Instant expiresAt;
    @Column(name = "gem_id")
    private Long gemId;

    protected ApiKey() {
    }

    ApiKey(long accountId, String name, String digest, Set<Scope> scopes, boolean mfa, Instant createdAt, Instant expiresAt, Long gemId) {
        this.expiresAt = expiresAt;
        this.gemId = gemId;
        this.accountId = accountId;
        this.name = name;
        this.digest = digest;
        this.scopes = Scope.join(scopes);
        this.mfa = mfa;
        this.createdAt = createdAt;
    }

    public Set<Scope> scopeSet() {
        return Scope.parse(scopes);
    }

    void setScopes(Set<Scope> scopes) {
        this.scopes = Scope.join(scopes);
    }

    public Long getId() { return id; }
    public long getAccountId() { return accountId; }
    public String getName() { return name; }
    public String getScopes() { return scopes; }
    public boolean isMfa() { return mfa; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Long getGemId() { return gemId; }
}
