/**
 * Security keys and passkeys (WebAuthn): the relying party's ceremonies (Ceremonies: options for
 * the browser, and every verification rule: origin, RP ID, challenge, signature, counter, user
 * handle), the challenges a browser session was given (Challenges: single use, two minutes), the
 * stored keys (SecurityKeys) and the gem client's WebAuthn verification tokens (WebauthnVerificationTokens). The
 * decisions about when a key is asked for belong to mfa, which asks this package.
 */
package io.gemhost.webauthn;
