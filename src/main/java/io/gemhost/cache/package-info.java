/**
 * The per-node read cache of the API's common requests (an API key's caller, an account's gem
 * list), and what keeps it honest across nodes. Every change that could make an entry wrong
 * (a key revoked or given scopes, a level, email or handle changed, an ownership or a version
 * added or removed) makes PostgreSQL send a notification from a trigger, in the changing
 * transaction, so it reaches every node's LISTEN connection when, and only when, the change
 * commits. The node that made a change also drops the account's entries itself after its commit.
 * The cache serves only while its LISTEN connection is up (never on the embedded H2): when the
 * channel breaks, every node stops serving from memory until it is back.
 */
package io.gemhost.cache;
