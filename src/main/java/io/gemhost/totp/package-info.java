/**
 * Owns the one-time-password mathematics of RFC 6238: key generation, codes and their one-step verification window,
 * the {@code otpauth://} URI with its QR image, and the sealing of keys at rest. Everything here is pure logic with
 * the clock passed in; it must never store, log or print a key or a code, and it never decides replay on its own:
 * the caller persists the returned step atomically.
 */
package io.gemhost.totp;
