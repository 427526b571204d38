package io.gemhost.webauthn;

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
 * A registered security key or passkey: its credential id, the account's WebAuthn user handle,
 * the attested credential data (public key) it gave at registration, and its signature counter.
 * Nothing here is secret; the private key never leaves the authenticator.
 */
@Entity
@Table(name = "security_key")
@NamedQuery(name = "SecurityKey.forAccount", query = "SELECT k FROM SecurityKey k WHERE k.accountId = :account ORDER BY k.createdAt, k.id")
@NamedQuery(name = "SecurityKey.byCredential", query = "SELECT k FROM SecurityKey k WHERE k.credentialId = :credential")
public class SecurityKey {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "account_id")
    private long accountId;
    @Column(name = "credential_id")
    private String credentialId;
    @Column(name = "user_handle")
    private String userHandle;
    private String credential;
    @Column(name = "sign_count")
    private long signCount;
    private String nickname;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;
    @Column(name = "last_used_at")
    @Convert(converter = EpochMillis.class)
    private Instant lastUsedAt;

    protected SecurityKey() {
    }

    SecurityKey(long accountId, Ceremonies.NewKey key, String userHandle, String nickname, Instant createdAt) {
        this.accountId = accountId;
        this.credentialId = key.credentialId();
        this.userHandle = userHandle;
        this.credential = key.credential();
        this.signCount = key.signCount();
        this.nickname = nickname;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public long getAccountId() { return accountId; }
    public String getCredentialId() { return credentialId; }
    public String getUserHandle() { return userHandle; }
    public String getCredential() { return credential; }
    public long getSignCount() { return signCount; }
    public String getNickname() { return nickname; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
}
