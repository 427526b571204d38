/**
 * An account's life after sign-up: email confirmation and change, password change and reset,
 * deletion. Every step that proves the person goes through mfa.Proof; a mailed link is single use
 * and never bypasses the second factor.
 */
package io.gemhost.lifecycle;
