package io.gemhost.notify;

/**
 * A plain-text mail to one address. Fired as a CDI event inside a transaction, it is delivered by
 * {@link Mailer} only once that transaction has committed (and never if it rolls back).
 */
public record Mail(String to, String subject, String body) {
}
