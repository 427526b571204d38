package io.gemhost.audit;

/** The security events an account holder can read in their log. */
public enum EventKind {
    SIGNED_UP("Account created", false),
    SIGN_IN("Signed in", false),
    SIGN_IN_FAILED("Sign-in failed (wrong password)", false),
    SIGN_IN_THROTTLED("Sign-in paused after repeated failures", false),
    SIGN_OUT("Signed out", false),
    OTHER_SESSIONS_ENDED("Signed out everywhere else", false),
    PASSWORD_RESET_REQUESTED("Password reset link sent", false),
    PASSWORD_RESET("Password reset", true),
    EMAIL_CONFIRMED("Email address confirmed", false),
    EMAIL_CHANGE_REQUESTED("Email address change requested", true),
    EMAIL_CHANGED("Email address changed", true),
    SECOND_FACTOR_UNLOCKED("Second factor unlocked", true),
    MFA_RESET_BY_OPERATOR("Multifactor authentication reset by an operator", true),
    OWNER_ASSIGNED_BY_OPERATOR("Gem owner assigned by an operator", false),
    PASSWORD_CHANGED("Password changed", true),
    OTP_FAILED("Wrong one-time code", false),
    SECOND_FACTOR_THROTTLED("Second factor paused after repeated failures", true),
    SECOND_FACTOR_LOCKED("Second factor locked after 100 failures", true),
    MFA_ENABLED("Multifactor authentication enabled", true),
    MFA_DISABLED("Multifactor authentication disabled", true),
    DEVICE_REPLACED("Authenticator replaced", true),
    AUTHENTICATOR_ADDED("Authenticator app registered", true),
    LEVEL_CHANGED("MFA level changed", true),
    RECOVERY_CODE_USED("Recovery code used", true),
    RECOVERY_CODES_REGENERATED("Recovery codes regenerated", true),
    API_KEY_CREATED("API key created", true),
    API_KEY_REVOKED("API key revoked", true),
    API_KEY_LEAKED("API key revoked because it was found in public", true),
    SECURITY_KEY_ADDED("Security device registered", true),
    SECURITY_KEY_REMOVED("Security device deleted", true),
    SECURITY_KEY_COUNTER("Security device refused: its counter went backwards (a cloned key?)", true),
    TRUSTED_PUBLISHER_ADDED("Trusted publisher added", true),
    TRUSTED_PUBLISHER_REMOVED("Trusted publisher removed", true),
    PENDING_PUBLISHER_ADDED("Pending trusted publisher added", true),
    PENDING_PUBLISHER_REMOVED("Pending trusted publisher removed", true),
    TRUSTED_PUBLISHER_EXCHANGE("Trusted publisher exchanged a CI token for a push key", false),
    TRUSTED_PUBLISHER_PUSH("Gem pushed by a trusted publisher", false),
    BREACHED_PASSWORD_SIGN_IN("Signed in with a password found in a data breach (mailed once)", false),
    NEW_DEVICE_HELD("Sign-in from a new device held until the mailed link is followed", false),
    NEW_DEVICE_CONFIRMED("New device confirmed with the mailed link", false),
    NEW_DEVICE_REFUSED("Mailed sign-in link refused: opened from another address", false);

    private final String label;
    private final boolean notifies;

    EventKind(String label, boolean notifies) {
        this.label = label;
        this.notifies = notifies;
    }

    /** Whether the account holder is mailed when this happens (a factor or credential changed). */
    public boolean notifies() {
        return notifies;
    }

    /** The English name; pages and mails show the {@link #key()} of the texts bundle, in the reader's language. */
    public String label() {
        return label;
    }

    /** This kind's name in messages.properties ({@code event.KIND}). */
    public String key() {
        return "event." + name();
    }
}
