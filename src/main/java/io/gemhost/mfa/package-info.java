/**
 * The MFA levels an account can choose and the one policy that says which action needs a second factor at which
 * level (PROTOCOL.md, "What rubygems.org requires per level"). It only decides; it never checks a code, reads a
 * request or touches storage, and no other package may keep its own copy of that table.
 */
package io.gemhost.mfa;
