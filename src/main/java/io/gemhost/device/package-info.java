/**
 * The new-device check of browser sign-in (docs/SECURITY.md, new devices): which devices an
 * account has used (addresses of completed sign-ins, the signed remember-this-device cookie), the
 * mailed link that confirms a held sign-in from a new one, and its mail throttle. It never signs
 * anyone in (the web boundary does), and a link alone never stands in for a password or a factor.
 */
package io.gemhost.device;
