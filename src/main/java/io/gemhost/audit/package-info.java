/**
 * Security events (docs/SECURITY.md, what is logged): what happened to an account, when, from which address
 * and user agent ({@link io.gemhost.audit.Client}, read from a request by either boundary). It records
 * and lists, and announces each recorded event as a CDI event; it never stores a password, code or
 * key, and never depends on the accounts or mail packages that listen to it.
 */
package io.gemhost.audit;
