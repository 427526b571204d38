package io.gemhost.audit;

/**
 * Fired (synchronously, inside the recording transaction) for every security event AuditLog
 * stores, so that others can react without audit knowing them: notify mails the account holder.
 */
public record SecurityEventRecorded(Long accountId, EventKind kind, String detail, Client client, java.time.Instant at) {
}
