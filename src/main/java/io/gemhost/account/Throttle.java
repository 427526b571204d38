package io.gemhost.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Consecutive failures for one key ("password:EMAIL" or "mfa:ACCOUNT_ID"), shared by all nodes. */
@Entity
@Table(name = "throttle")
public class Throttle {

    @Id
    @Column(name = "throttle_key")
    private String key;
    private int failures;
    @Column(name = "blocked_until")
    private long blockedUntil;
    @Column(name = "updated_at")
    private long updatedAt;

    protected Throttle() {
    }

    Throttle(String key, long now) {
        this.key = key;
        this.failures = 1;
        this.updatedAt = now;
    }

    public String getKey() { return key; }
    public int getFailures() { return failures; }
    public long getBlockedUntil() { return blockedUntil; }
}
