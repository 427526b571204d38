package io.gemhost.admin;

import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.Throttles;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.config.Settings;
import io.gemhost.gems.Gems;
import io.gemhost.mfa.Levels;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.MfaRequirement;
import io.gemhost.mfa.Proof;
import io.gemhost.account.MfaLevel;
import io.gemhost.notify.Mails;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;

/**
 * What an operator (an account listed in GEMHOST_ADMIN_EMAILS, confirmed, with MFA on) may do: find an
 * account, unlock its second factor, reset its MFA with a reason the holder is mailed, and assign
 * a gem owner. Each action lands in the operator's and the account's security log.
 */
@Stateless
public class Operators {

    @Inject
    Settings settings;
    @EJB
    Accounts accounts;
    @EJB
    Throttles throttles;
    @EJB
    Levels levels;
    @EJB
    Proof proof;
    @EJB
    Gems gems;
    @EJB
    AuditLog audit;
    @Inject
    Mails mails;

    /** An account, seen by an operator. */
    public record View(long id, String email, String handle, String level, boolean confirmed, boolean locked)
            implements java.io.Serializable {
    }

    /** Who is an operator is Proof's rule (docs/SECURITY.md, "Operators"). */
    public boolean isOperator(Long accountId) {
        return proof.isOperator(accountId);
    }

    /** GEMHOST_MFA_POLICY as the operator page shows it: the setting, and how many accounts are below it. */
    public record PolicyStanding(String policy, long below) implements java.io.Serializable {
    }

    /** The MFA policy and the accounts that do not meet it (no MFA, or UI only), whatever the setting. */
    public PolicyStanding policyStanding(long operatorId) {
        requireOperator(operatorId);
        java.util.List<MfaLevel> below = java.util.Arrays.stream(MfaLevel.values()).filter(l -> !MfaRequirement.meets(l)).toList();
        return new PolicyStanding(MfaRequirement.Setting.of(Settings.mfaPolicy()).word(), accounts.countAt(below));
    }

    public Optional<View> find(long operatorId, String emailOrHandle) {
        requireOperator(operatorId);
        if (emailOrHandle == null || emailOrHandle.isBlank() || emailOrHandle.length() > 254) {
            return Optional.empty();
        }
        return accounts.findByEmail(emailOrHandle).or(() -> accounts.findByHandle(emailOrHandle)).map(this::view);
    }

    public void unlock(long operatorId, long accountId, Client client) {
        Account target = target(operatorId, accountId);
        throttles.reset(Throttles.secondFactorKey(accountId));
        throttles.reset(Throttles.unlockKey(accountId));
        record(operatorId, target, EventKind.SECOND_FACTOR_UNLOCKED, "by an operator", client);
    }

    public void resetMfa(long operatorId, long accountId, String reason, Client client) {
        if (reason == null || reason.isBlank() || reason.length() > 300) {
            throw new GemhostException("error.admin.reason");
        }
        Account target = target(operatorId, accountId);
        levels.apply(proof.byOperator(operatorId, accountId, MfaPolicy.Action.LEVEL_CHANGE), MfaLevel.DISABLED, client);
        throttles.reset(Throttles.secondFactorKey(accountId));
        mails.operatorResetMfa(target.getEmail(), target.getHandle(), target.getLanguage(), reason.strip());
        record(operatorId, target, EventKind.MFA_RESET_BY_OPERATOR, reason.strip(), client);
    }

    public void assignOwner(long operatorId, String gem, String emailOrHandle, Client client) {
        requireOperator(operatorId);
        Gems.Owner owner = gems.assignOwner(gem, emailOrHandle);
        Account target = accounts.get(owner.id());
        record(operatorId, target, EventKind.OWNER_ASSIGNED_BY_OPERATOR, gem, client);
    }

    private void record(long operatorId, Account target, EventKind kind, String detail, Client client) {
        Account operator = accounts.get(operatorId);
        audit.recordWith(target.getId(), kind, detail + " (operator " + operator.getHandle() + ")", client);
        audit.recordWith(operatorId, kind, detail + " (account " + target.getHandle() + ")", client);
    }

    private Account target(long operatorId, long accountId) {
        requireOperator(operatorId);
        return accounts.get(accountId);
    }

    private void requireOperator(long operatorId) {
        if (!isOperator(operatorId)) {
            throw new GemhostException("error.admin.forbidden");
        }
    }

    private View view(Account a) {
        return new View(a.getId(), a.getEmail(), a.getHandle(), a.getMfaLevel().label(),
                a.isEmailConfirmed(), throttles.locked(Throttles.secondFactorKey(a.getId())));
    }
}
