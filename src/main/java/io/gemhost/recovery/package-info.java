/**
 * Owns recovery codes (docs/SECURITY.md): their format, generation from {@code SecureRandom}, the reading of
 * what a person types, and the split into a non-secret lookup part and a secret part. It must never store or log a
 * code or its secret part in clear, and never throw on user input: a malformed code is simply not a code.
 */
package io.gemhost.recovery;
