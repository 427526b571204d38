/**
 * Operators: who is one (a listed, confirmed address with MFA on) and what they may do (find,
 * unlock, reset MFA with a mailed reason, assign an owner), each action in both security logs.
 * It never acts for anyone who is not an operator.
 */
package io.gemhost.admin;
