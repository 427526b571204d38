package io.gemhost.audit;

import io.gemhost.config.EpochMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "security_event")
@NamedQuery(name = "SecurityEvent.forAccount",
        query = "SELECT e FROM SecurityEvent e WHERE e.accountId = :account ORDER BY e.createdAt DESC, e.id DESC")
public class SecurityEvent {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "account_id")
    private Long accountId;
    @Enumerated(EnumType.STRING)
    private EventKind kind;
    private String detail;
    private String ip;
    @Column(name = "user_agent")
    private String userAgent;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;

    protected SecurityEvent() {
    }

    SecurityEvent(Long accountId, EventKind kind, String detail, Client client, Instant createdAt) {
        this.accountId = accountId;
        this.kind = kind;
        this.detail = detail == null || detail.length() <= 400 ? detail : detail.substring(0, 400);
        this.ip = client.ip();
        this.userAgent = client.userAgent();
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public Long getAccountId() { return accountId; }
    public EventKind getKind() { return kind; }
    public String getDetail() { return detail; }
    public String getIp() { return ip; }
    public String getUserAgent() { return userAgent; }
    public Instant getCreatedAt() { return createdAt; }
}
