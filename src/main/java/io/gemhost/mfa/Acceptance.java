package io.gemhost.mfa;

import io.gemhost.account.Throttles;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * One transaction for an accepted second factor: the kind uses the input up (its conditional
 * update), the throttle is cleared, a used recovery code is logged and, for the API, the code's
 * window opens. One commit instead of three, and nothing of it is seen without the rest. The
 * attempt itself was counted, and committed, before this runs (SecondFactor).
 */
@Stateless
public class Acceptance {

    /** The API's code window to open with the acceptance (CodeWindows). */
    public record Window(String digest, long now, long expiredBefore) {
    }

    @Inject
    Throttles throttles;
    @Inject
    AuditLog audit;
    @Inject
    CodeWindows windows;

    public Optional<SecondFactor.Verdict> use(FactorKind kind, long accountId, String input, Client client, String throttleKey, Window window) {
        Optional<SecondFactor.Verdict> used = kind.use(accountId, input, client);
        if (used.isPresent()) {
            throttles.resetWithin(throttleKey);
            if (used.get().outcome() == SecondFactor.Outcome.RECOVERY) {
                audit.record(accountId, EventKind.RECOVERY_CODE_USED, used.get().recoveryCodesLeft() + " left", client);
            }
            if (window != null) {
                windows.open(accountId, window.digest(), window.now(), window.expiredBefore());
            }
        }
        return used;
    }
}
