/**
 * The second-factor core both doors ask: MfaPolicy (which action needs a second factor at which
 * level), Proof (the password, then a second factor when the policy asks), SecondFactor (one
 * check over every FactorKind, under one throttle and one audit shape), the level changes, and the
 * gem client's code window. No other package keeps its own copy of the policy, and nothing here
 * reads a request.
 */
package io.gemhost.mfa;
