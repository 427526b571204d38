package io.gemhost.cache;

/**
 * Fired by a service, inside its transaction, when it changed something an API cache entry of
 * this account may hold; the node drops the account's entries after the commit. (Other nodes
 * hear of it from PostgreSQL.)
 */
public record AccountChanged(long accountId) {
}
