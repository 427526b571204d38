/**
 * Trusted publishing: the CI workflows a gem trusts (GitHub Actions, GitLab CI/CD), pending
 * publishers for gems not pushed yet, the check of a workflow's OIDC ID token (signature under the
 * issuer's published keys, claims, each token once) and the 15-minute key it is exchanged for,
 * which can only push the gems whose publishers matched. It stores digests of keys only, never a
 * key or a token, and knows nothing of requests or of either boundary.
 */
package io.gemhost.publishing;
