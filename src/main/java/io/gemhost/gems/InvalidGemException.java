package io.gemhost.gems;

/**
 * An upload that is not a gem we accept. The message is a short reason meant for the uploader ({@code 422 Invalid
 * gem: REASON}); it never echoes more than a bounded, sanitised fragment of the input.
 */
public class InvalidGemException extends RuntimeException {

    public InvalidGemException(String reason) {
        super(reason);
    }

    public String reason() {
        return getMessage();
    }
}
