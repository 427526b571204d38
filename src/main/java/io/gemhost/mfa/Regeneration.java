package io.gemhost.mfa;

import io.gemhost.account.MfaLevel;
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
import java.util.List;

/**
 * A new set of recovery codes (docs/SECURITY.md): takes a current code, and the old set stops
 * working in the same transaction that stores the new one.
 */
@Stateless
public class Regeneration {

    public record Result(SecondFactor.Verdict verdict, List<String> codes) {
    }

    @EJB
    Proof proof;
    @EJB
    RecoveryCodes recoveryCodes;
    @EJB
    Levels levels;
    @EJB
    AuditLog audit;
    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Result regenerate(long accountId, String code, Client client) {
        if (levels.of(accountId) == MfaLevel.DISABLED) {
            return new Result(new SecondFactor.Verdict(SecondFactor.Outcome.WRONG, java.time.Duration.ZERO, -1), List.of());
        }
        Proof.Result proven = proof.secondFactor(accountId, code, MfaPolicy.Action.REGENERATE_CODES, client);
        if (!proven.ok()) {
            return new Result(proven.verdict(), List.of());
        }
        return new Result(proven.verdict(), context.getBusinessObject(Regeneration.class).replace(proven.proven(), client));
    }

    public List<String> replace(Proof.Proven proven, Client client) {
        long accountId = proven.accountFor(MfaPolicy.Action.REGENERATE_CODES);
        List<String> codes = recoveryCodes.replace(accountId);
        audit.recordWith(accountId, EventKind.RECOVERY_CODES_REGENERATED, null, client);
        return codes;
    }
}
