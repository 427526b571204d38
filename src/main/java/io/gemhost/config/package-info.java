/**
 * Server configuration: the GEMHOST_* environment settings, the secret key, and the Flyway
 * migrations run at startup. It never logs a secret and holds no business rules.
 */
package io.gemhost.config;
