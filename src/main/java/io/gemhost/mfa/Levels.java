package io.gemhost.mfa;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.MfaLevel;
import io.gemhost.account.MfaLevelConverter;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.recovery.RecoveryCodes;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An account's MFA level (docs/SECURITY.md): changing it always takes a current code, and
 * "Disabled" removes every factor of every kind in the same transaction. The two rules that tie
 * the level to the factors are here, once, in terms of FactorKind: the account's first primary
 * factor turns MFA on at "UI only" with new recovery codes (factorAdded), and when its last
 * primary factor goes MFA is off (factorRemoved), so no account is left with recovery codes alone.
 */
@Stateless
public class Levels {

    @EJB
    Proof proof;
    @EJB
    Accounts accounts;
    @Inject
    @Any
    Instance<FactorKind> kinds;
    @EJB
    RecoveryCodes recoveryCodes;
    @EJB
    AuditLog audit;
    @Resource
    SessionContext context;

    public MfaLevel of(long accountId) {
        return accounts.find(accountId).map(Account::getMfaLevel).orElse(MfaLevel.DISABLED);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SecondFactor.Verdict change(long accountId, MfaLevel target, String code, Client client) {
        if (!of(accountId).isOn()) {
            return new SecondFactor.Verdict(SecondFactor.Outcome.WRONG, Duration.ZERO, -1); // nothing to change: enroll first
        }
        Proof.Result proven = proof.secondFactor(accountId, code, MfaPolicy.Action.LEVEL_CHANGE, client);
        if (proven.ok()) {
            context.getBusinessObject(Levels.class).apply(proven.proven(), target, client);
        }
        return proven.verdict();
    }

    /** One transaction, under the account's lock (Accounts.lockFactors): the level, and with Disabled every factor removed. */
    public void apply(Proof.Proven proven, MfaLevel target, Client client) {
        long accountId = proven.accountFor(MfaPolicy.Action.LEVEL_CHANGE, MfaPolicy.Action.REMOVE_SECURITY_KEY);
        Account account = accounts.lockFactors(accountId);
        MfaLevel before = account.getMfaLevel();
        if (target == MfaLevel.DISABLED) {
            kinds.forEach(kind -> kind.removeAll(accountId));
            account.setMfaLevel(MfaLevel.DISABLED);
            audit.recordWith(accountId, EventKind.MFA_DISABLED, null, client);
        } else if (target != before) {
            account.setMfaLevel(target);
            audit.recordWith(accountId, EventKind.LEVEL_CHANGED, MfaLevelConverter.code(before) + " -> " + MfaLevelConverter.code(target), client);
        }
    }

    /**
     * In the transaction that stored a factor of this kind, under the account's lock (the caller
     * took it with Accounts.lockFactors and passes the locked account): if the kind is primary and
     * MFA is off, MFA turns on at "UI only" with new recovery codes, which are returned; empty when
     * MFA stays as it was.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<List<String>> factorAdded(FactorKind kind, Account locked, Client client) {
        if (!kind.primary() || locked.getMfaLevel().isOn()) {
            return Optional.empty();
        }
        long accountId = locked.getId();
        locked.setMfaLevel(MfaLevel.UI_ONLY);
        List<String> codes = recoveryCodes.replace(accountId);
        audit.recordWith(accountId, EventKind.MFA_ENABLED, "level UI only", client);
        return Optional.of(codes);
    }

    /**
     * In the transaction that removed a factor, under the account's lock: when no primary kind is
     * configured for the account any more, MFA is off and every factor of every kind goes (apply
     * with Disabled). True if it did.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean factorRemoved(Proof.Proven proven, Client client) {
        long accountId = proven.accountFor(MfaPolicy.Action.REMOVE_SECURITY_KEY);
        for (FactorKind kind : kinds) {
            if (kind.primary() && kind.configuredFor(accountId)) {
                return false;
            }
        }
        apply(proven, MfaLevel.DISABLED, client);
        return true;
    }
}
