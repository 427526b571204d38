package io.gemhost.publishing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * What a publisher key may push: the gem of one trusted publisher, or the new gem of one pending
 * publisher. Deleting the publisher deletes the grant (the database cascades), so the key stops.
 */
@Entity
@Table(name = "publisher_key_grant")
public class PublisherKeyGrant {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    @Column(name = "key_id")
    private long keyId;
    @Column(name = "publisher_id")
    private Long publisherId;
    @Column(name = "pending_id")
    private Long pendingId;

    protected PublisherKeyGrant() {
    }

    static PublisherKeyGrant publisher(long keyId, long publisherId) {
        PublisherKeyGrant grant = new PublisherKeyGrant();
        grant.keyId = keyId;
        grant.publisherId = publisherId;
        return grant;
    }

    static PublisherKeyGrant pending(long keyId, long pendingId) {
        PublisherKeyGrant grant = new PublisherKeyGrant();
        grant.keyId = keyId;
        grant.pendingId = pendingId;
        return grant;
    }

    public long getKeyId() { return keyId; }
    public Long getPublisherId() { return publisherId; }
    public Long getPendingId() { return pendingId; }
}
