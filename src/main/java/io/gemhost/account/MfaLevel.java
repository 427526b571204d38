package io.gemhost.account;

/**
 * How far an account's second factor reaches, in the words the profile page shows. What is
 * stored in the database (rubygems.org's names) is MfaLevelConverter's alone.
 */
public enum MfaLevel {
    DISABLED("Disabled"),
    UI_ONLY("UI only"),
    UI_AND_GEM_SIGNIN("UI and gem signin"),
    UI_AND_API("UI and API");

    private final String label;

    MfaLevel(String label) {
        this.label = label;
    }

    /** The option text on the profile page (part of the page's contract). */
    public String label() {
        return label;
    }

    /** Whether the account has a second factor at all. */
    public boolean isOn() {
        return this != DISABLED;
    }
}
