package io.gemhost.publishing;

import io.gemhost.config.EpochMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An exchanged ID token (its issuer and jti), kept until it expires: the primary key refuses it twice. */
@Entity
@Table(name = "used_oidc_token")
@IdClass(UsedToken.Key.class)
public class UsedToken {

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String issuer;
        String jti;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(issuer, k.issuer) && Objects.equals(jti, k.jti);
        }

        @Override
        public int hashCode() {
            return Objects.hash(issuer, jti);
        }
    }

    @Id
    private String issuer;
    @Id
    private String jti;
    @Column(name = "expires_at")
    @Convert(converter = EpochMillis.class)
    private Instant expiresAt;

    protected UsedToken() {
    }

    UsedToken(String issuer, String jti, Instant expiresAt) {
        this.issuer = issuer;
        this.jti = jti;
        this.expiresAt = expiresAt;
    }
}
