/**
 * The per-node read cache of the API's common requests (an API key's caller, an account's gem
 * list), and what keeps it honest across nodes. Every change that could make an entry wrong
 * (a key revoked or given scopes, a level, email or handle changed, an ownership or a version
 * added or removed) makes PostgreSQL send a notification from a trigger, in the changing
 * transaction, so it reaches every node's LISTEN connection when, and only when, the change
 * commits. The node that made a change also drops the account's entries itself after its commit.
 * The cache serves only while its LISTEN connection proves itself (never on the embedded H2):
 * the node's own heartbeat, sent through the pool every second, must come back within two
 * seconds; when the channel breaks or goes silent, the node stops serving from memory until it
 * is back (docs/SECURITY.md, "Read caches and revocation").
 */
package io.gemhost.cache;
