/**
 * A node's orderly end (docs/ARCHITECTURE.md, "Shutdown and drain"): on SIGTERM the node
 * refuses new requests with 503 before any work and says DOWN on /health/ready, lets the
 * requests in flight finish (GEMHOST_DRAIN_S at most), closes the read cache's LISTEN
 * connection, and only then ends.
 */
package io.gemhost.drain;
