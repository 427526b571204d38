package io.gemhost.account;

import io.gemhost.audit.AuditLog.SecurityEventRecorded;
import io.gemhost.audit.EventKind;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a credential change causes, whichever path made it (a page, a mailed link, an operator):
 * every other session of the account ends, in the transaction that records the change, so it
 * ends with the change or not at all (docs/SECURITY.md, "Sessions"). The session that made the
 * change is kept when it is the account's own; an operator's session is not the account's, so a
 * reset ends them all. The change's security event and the holder's mail follow from recording
 * it (AuditLog, notify).
 */
@ApplicationScoped
public class CredentialChanges {

    /** The events that change how the account signs in. */
    static final Set<EventKind> ENDING_OTHER_SESSIONS = EnumSet.of(EventKind.PASSWORD_CHANGED, EventKind.PASSWORD_RESET,
            EventKind.MFA_ENABLED, EventKind.MFA_DISABLED, EventKind.LEVEL_CHANGED, EventKind.AUTHENTICATOR_ADDED,
            EventKind.DEVICE_REPLACED, EventKind.RECOVERY_CODES_REGENERATED, EventKind.SECURITY_KEY_ADDED,
            EventKind.SECURITY_KEY_REMOVED, EventKind.MFA_RESET_BY_OPERATOR);

    @EJB
    Sessions sessions;
    @Inject
    Instance<CurrentUser> user;

    void onRecorded(@Observes SecurityEventRecorded event) {
        if (event.accountId() != null && ENDING_OTHER_SESSIONS.contains(event.kind())) {
            sessions.endOthers(event.accountId(), sessionOf(event.accountId()));
        }
    }

    /** This request's own session key when it is signed in as the account, else null (end them all). */
    private String sessionOf(long accountId) {
        try {
            return user.get().sessionKeyOf(accountId);
        } catch (ContextNotActiveException noBrowserSession) {
            return null;
        }
    }
}
