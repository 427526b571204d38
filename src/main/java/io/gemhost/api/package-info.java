/**
 * The gem host API under /api/v1 as the real gem client speaks it (docs/API.md): the guard filter
 * that authenticates (through io.gemhost.apikey) and asks MfaPolicy for a second factor, thin
 * JAX-RS resources and their JSON and YAML bodies. It never logs a key, password or code,
 * resources never re-check the factor, and no other package depends on it.
 */
package io.gemhost.api;
