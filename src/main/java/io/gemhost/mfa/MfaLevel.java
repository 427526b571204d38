package io.gemhost.mfa;

import java.util.Optional;

/**
 * How far an account's second factor reaches, with rubygems.org's names as the stable database code and the words
 * the profile page shows as the label. Changing a code breaks stored rows; changing a label breaks the page's
 * contract (CONTRACT.md).
 */
public enum MfaLevel {
    DISABLED("disabled", "Disabled"),
    UI_ONLY("ui_only", "UI only"),
    UI_AND_GEM_SIGNIN("ui_and_gem_signin", "UI and gem signin"),
    UI_AND_API("ui_and_api", "UI and API");

    private final String code;
    private final String label;

    MfaLevel(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The value stored in the database. */
    public String code() {
        return code;
    }

    /** The option text on the profile page. */
    public String label() {
        return label;
    }

    /** The level stored as {@code code}; empty for null or an unknown code. */
    public static Optional<MfaLevel> fromCode(String code) {
        for (MfaLevel level : values()) {
            if (level.code.equals(code)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
