package io.gemhost.lifecycle;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.PasswordRule;
import io.gemhost.account.Passwords;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.mfa.MfaPolicy.Action;
import io.gemhost.mfa.Proof;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Changing the password of a signed-in account: the current password (on the sign-in throttle)
 * and, with MFA on, the current second factor (Proof, docs/SECURITY.md), then the new one in a
 * transaction of its own, which also ends the account's other sessions (account/CredentialChanges).
 * A new password that breaks PasswordRule (too short, breached) is refused first, as a GemhostException.
 */
@Stateless
public class PasswordChange {

    @EJB
    Proof proof;
    @EJB
    Accounts accounts;
    @Inject
    Passwords passwords;
    @EJB
    AuditLog audit;
    @Inject
    PasswordRule passwordRule;
    @Resource
    SessionContext context;

    /** Changes the password once the current one and, if the policy asks, a second factor are right (then the result is OK). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Proof.Result change(long accountId, String current, String replacement, String code, Client client) {
        passwordRule.check(replacement);
        Proof.Result proven = proof.passwordAndSecondFactor(accountId, current, code, Action.PASSWORD_CHANGE, "password change", client);
        if (proven.ok()) {
            context.getBusinessObject(PasswordChange.class).apply(proven.proven(), replacement, client);
        }
        return proven;
    }

    public void apply(Proof.Proven proven, String replacement, Client client) {
        long accountId = proven.accountFor(Action.PASSWORD_CHANGE);
        Account account = accounts.get(accountId);
        account.setPasswordHash(passwords.hash(replacement));
        audit.recordWith(accountId, EventKind.PASSWORD_CHANGED, null, client);
    }
}
