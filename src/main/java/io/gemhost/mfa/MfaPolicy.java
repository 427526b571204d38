package io.gemhost.mfa;

import java.util.Objects;

/**
 * The single home of PROTOCOL.md's table "What rubygems.org requires per level": given an account's level, an action
 * and whether the API key in use was created with MFA, does the action need a one-time code? Boundaries ask here and
 * nowhere else, so the table can be read and tested in one place.
 *
 * <pre>
 * action                                  disabled  UI only        UI and gem signin  UI and API
 * UI sign-in, level change                -         OTP            OTP                OTP
 * gem signin (create or update a key)     -         -              OTP                OTP
 * push, yank, owner add / remove          -         if key has MFA if key has MFA     OTP
 * owners list, list gems                  -         -              -                  -
 * </pre>
 */
public final class MfaPolicy {

    /** What a person or client is about to do. */
    public enum Action {
        /** Browser sign-in (the password step is done). */
        UI_SIGN_IN,
        /** Changing the MFA level, disabling MFA included. */
        LEVEL_CHANGE,
        /** {@code gem signin}: creating or updating an API key with email and password. */
        API_KEY_SIGNIN,
        PUSH,
        YANK,
        OWNER_ADD,
        OWNER_REMOVE,
        OWNERS_LIST,
        LIST_GEMS
    }

    private MfaPolicy() {
    }

    /**
     * Whether {@code action} needs a one-time code from an account at {@code level}. {@code keyCreatedWithMfa} only
     * matters for the key-authenticated gem actions below {@link MfaLevel#UI_AND_API}.
     */
    public static boolean requiresOtp(MfaLevel level, Action action, boolean keyCreatedWithMfa) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(action, "action");
        if (level == MfaLevel.DISABLED) {
            return false;
        }
        return switch (action) {
            case UI_SIGN_IN, LEVEL_CHANGE -> true;
            case API_KEY_SIGNIN -> level == MfaLevel.UI_AND_GEM_SIGNIN || level == MfaLevel.UI_AND_API;
            case PUSH, YANK, OWNER_ADD, OWNER_REMOVE -> level == MfaLevel.UI_AND_API || keyCreatedWithMfa;
            case OWNERS_LIST, LIST_GEMS -> false;
        };
    }

    /**
     * Whether an owner at {@code level} may push, yank or change owners of a gem whose latest version
     * has {@code rubygems_mfa_required: "true"}: only at {@link MfaLevel#UI_AND_API}, where every such
     * request carries a verified code (rubygems.org's rule).
     */
    public static boolean mayChangeGem(MfaLevel level, boolean gemRequiresMfa) {
        return !gemRequiresMfa || level == MfaLevel.UI_AND_API;
    }

    /** Whether a key created while the account is at {@code levelAtCreation} is marked as created with MFA. */
    public static boolean keyGetsMfaFlag(MfaLevel levelAtCreation) {
        return levelAtCreation == MfaLevel.UI_AND_GEM_SIGNIN || levelAtCreation == MfaLevel.UI_AND_API;
    }
}
