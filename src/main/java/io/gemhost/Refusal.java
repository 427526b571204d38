package io.gemhost;

import jakarta.ejb.ApplicationException;

/** A refusal with an HTTP status and the exact plain-text body CONTRACT.md gives for it. */
@ApplicationException(rollback = true)
public class Refusal extends RuntimeException {

    private final int status;

    public Refusal(int status, String body) {
        super(body, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String body() {
        return getMessage();
    }
}
