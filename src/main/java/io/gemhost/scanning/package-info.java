/**
 * Secret scanning: leaked-key reports from GitHub's partner program. It checks a report's ECDSA
 * signature over the raw body under the key list GitHub publishes, and only a checked report
 * (a {@link io.gemhost.scanning.SignedReport}) can revoke keys. It never logs or stores a reported
 * token, and knows nothing of requests or of either boundary.
 */
package io.gemhost.scanning;
