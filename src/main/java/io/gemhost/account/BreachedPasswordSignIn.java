package io.gemhost.account;

import io.gemhost.audit.Client;

/**
 * Fired when an account signs in with a password the range service reports as breached and its
 * holder has not been told yet; the lifecycle's BreachNotice tells them.
 */
public record BreachedPasswordSignIn(long accountId, Client client) {
}
