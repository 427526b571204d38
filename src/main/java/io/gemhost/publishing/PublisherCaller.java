package io.gemhost.publishing;

/**
 * A request made with a trusted publisher's key, as the API guard established it: the key (whose
 * grants say what it may push, read again at the push) and who it speaks for. It has no account.
 */
public record PublisherCaller(long keyId, String label) {

    public static final String ATTRIBUTE = "io.gemhost.api.publisherCaller";
}
