package io.gemhost.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;

/**
 * Whether a signed-in browser session's row still exists, read at most once per request: every
 * use of the signed-in identity (CurrentUser) asks, so a session ended on any node stops acting
 * at its next request, whatever route that request took (docs/SECURITY.md, "Sessions").
 */
@RequestScoped
public class SessionRowCheck {

    @EJB
    Sessions sessions;

    private String checkedKey;
    private boolean open;

    boolean isOpen(String sessionKey, long accountId) {
        if (sessionKey == null) {
            return false;
        }
        if (!sessionKey.equals(checkedKey)) {
            open = sessions.isOpen(sessionKey, accountId);
            checkedKey = sessionKey;
        }
        return open;
    }
}
