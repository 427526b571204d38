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

    Throttle(String key, int failures, long now) {
        this.key = key;
        this.failures = failures;
        this.updatedAt = now;
    }

    /** A success: no failures, no pause. */
    void clear(long now) {
        failures = 0;
        blockedUntil = 0;
        updatedAt = now;
    }

    /** One more failure: this many in a row, blocked until then (0: not blocked). */
    void failed(int failures, long blockedUntil, long now) {
        this.failures = failures;
        this.blockedUntil = blockedUntil;
        this.updatedAt = now;
    }

    public String getKey() { return key; }
    public int getFailures() { return failures; }
    public long getBlockedUntil() { return blockedUntil; }
}
