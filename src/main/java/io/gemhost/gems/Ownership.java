package io.gemhost.gems;

import io.gemhost.config.EpochMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.io.Serializable;

@Entity
@Table(name = "ownership")
@IdClass(Ownership.Key.class)
public class Ownership {

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        Long gemId;
        Long accountId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(gemId, k.gemId) && java.util.Objects.equals(accountId, k.accountId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(gemId, accountId);
        }
    }

    @Id
    @Column(name = "gem_id")
    private Long gemId;
    @Id
    @Column(name = "account_id")
    private Long accountId;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;

    protected Ownership() {
    }

    Ownership(long gemId, long accountId, Instant createdAt) {
        this.gemId = gemId;
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    public Long getGemId() { return gemId; }
    public Long getAccountId() { return accountId; }
}
