/**
 * The authenticator app: RFC 6238 maths (Totp, Base32, the otpauth URI and its QR image, pure and
 * with the clock passed in), keys sealed at rest (KeyVault, KeyCipher, rotation at startup), and
 * their storage: TotpKeys moves the last accepted step forward with one conditional update, and
 * Enrollment turns a pending key into the account's key. It never logs, prints or shows a key
 * again after registration.
 */
package io.gemhost.totp;
