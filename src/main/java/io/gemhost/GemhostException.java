package io.gemhost;

import jakarta.ejb.ApplicationException;

/** Base of business refusals: the transaction rolls back and the boundary shows the message key. */
@ApplicationException(rollback = true)
public class GemhostException extends RuntimeException {

    private final String messageKey;

    public GemhostException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
