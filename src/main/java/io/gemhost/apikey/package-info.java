/**
 * API keys: making (with their terms: expiry, one gem), listing, scoping and revoking them, and finding the {@link io.gemhost.apikey.Caller}
 * behind a raw key. Only the SHA-256 digest of a key is stored; it never stores, logs or returns a key in
 * clear except once, to its maker, and it knows nothing of requests or of either boundary.
 */
package io.gemhost.apikey;
