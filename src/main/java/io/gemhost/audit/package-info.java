/**
 * Security events (SECURITY.md rule 20): what happened to an account, when, from which address
 * and user agent. It records and lists; it never stores a password, code or key.
 */
package io.gemhost.audit;
