/**
 * The gem host API under /api/v1 as the real gem client speaks it (PROTOCOL.md): API keys, the
 * guard filter that authenticates and asks MfaPolicy for a second factor, and thin JAX-RS
 * resources. It never logs a key, password or code, and resources never re-check the factor.
 */
package io.gemhost.api;
