package io.gemhost;

import jakarta.ejb.ApplicationException;

/**
 * The one business exception: an action refused for a reason the person or client can act on.
 * It names the reason by a key of the texts bundle (messages.properties) with its arguments; the
 * transaction rolls back; each boundary says it its own way (a page shows the text, the API maps
 * the key to a status and docs/API.md's sentence in ApiErrors). Never for a failed verification,
 * which is a result, so that its failure count commits.
 */
@ApplicationException(rollback = true)
public class GemhostException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] args;

    public GemhostException(String messageKey, Object... args) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
