package io.gemhost.audit;

/** The security events an account holder can read in their log. */
public enum EventKind {
    SIGNED_UP("Account created"),
    SIGN_IN("Signed in"),
    SIGN_IN_FAILED("Sign-in failed (wrong password)"),
    SIGN_IN_THROTTLED("Sign-in paused after repeated failures"),
    SIGN_OUT("Signed out"),
    PASSWORD_CHANGED("Password changed"),
    OTP_FAILED("Wrong one-time code"),
    SECOND_FACTOR_THROTTLED("Second factor paused after repeated failures"),
    SECOND_FACTOR_LOCKED("Second factor locked after 100 failures"),
    MFA_ENABLED("Multifactor authentication enabled"),
    MFA_DISABLED("Multifactor authentication disabled"),
    DEVICE_REPLACED("Authenticator replaced"),
    LEVEL_CHANGED("MFA level changed"),
    RECOVERY_CODE_USED("Recovery code used"),
    RECOVERY_CODES_REGENERATED("Recovery codes regenerated"),
    API_KEY_CREATED("API key created"),
    API_KEY_REVOKED("API key revoked");

    private final String label;

    EventKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
