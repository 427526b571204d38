/**
 * Accounts: sign-up, password sign-in with its throttle, password hashing and changes, and who
 * is signed in. It never stores or logs a plain password and never says whether an email exists.
 */
package io.gemhost.account;
