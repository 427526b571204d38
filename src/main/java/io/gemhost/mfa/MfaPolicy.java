package io.gemhost.mfa;

import io.gemhost.account.MfaLevel;
import java.util.Objects;

/**
 * The single home of the rule "does this action need a second factor?", for both doors: given an
 * account's level, an action and (for the API) whether the key in use was created with MFA.
 * Every service that may ask for a code asks here first; rubygems.org's table for the API:
 *
 * <pre>
 * action                                  disabled  UI only        UI and gem signin  UI and API
 * browser actions (below)                 -         code           code               code
 * gem signin (create or update a key)     -         -              code               code
 * push, yank, owner add / remove          -         if key has MFA if key has MFA     code
 * owners list, list gems                  -         -              -                  -
 * trusted publishers (API)                -         if key has MFA if key has MFA     code
 * </pre>
 */
public final class MfaPolicy {

    /** What a person or client is about to do. */
    public enum Action {
        /** Browser sign-in (the password step is done). */
        UI_SIGN_IN,
        /** Changing the MFA level, disabling MFA included. */
        LEVEL_CHANGE,
        /** A new set of recovery codes. */
        REGENERATE_CODES,
        /** Registering a new authenticator in place of the current one. */
        REPLACE_AUTHENTICATOR,
        /** Registering a security key (a first factor needs none: MFA is off). */
        ADD_SECURITY_KEY,
        /** Deleting a security key. */
        REMOVE_SECURITY_KEY,
        /** Following the mailed link that confirms an email address. */
        EMAIL_CONFIRM,
        /** Asking for a new email address (after the password). */
        EMAIL_CHANGE,
        /** Changing the password of a signed-in account (after the current password). */
        PASSWORD_CHANGE,
        /** Deleting the account (after the password). */
        ACCOUNT_DELETE,
        /** Setting a new password through the mailed reset link. */
        PASSWORD_RESET,
        /** Making an API key on the profile's API keys page. */
        API_KEY_CREATE,
        /** {@code gem signin}: creating or updating an API key with email and password. */
        API_KEY_SIGNIN,
        PUSH,
        YANK,
        OWNER_ADD,
        OWNER_REMOVE,
        OWNERS_LIST,
        LIST_GEMS,
        /** The API's trusted publishers (list, add, show, delete): as owner changes, per level and key. */
        CONFIGURE_TRUSTED_PUBLISHERS,
        /** Adding or deleting a trusted or pending publisher on a page: a code whenever MFA is on. */
        TRUSTED_PUBLISHER_FORM
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
            case UI_SIGN_IN, LEVEL_CHANGE, REGENERATE_CODES, REPLACE_AUTHENTICATOR, ADD_SECURITY_KEY, REMOVE_SECURITY_KEY, EMAIL_CONFIRM, EMAIL_CHANGE, PASSWORD_CHANGE, ACCOUNT_DELETE,
                    PASSWORD_RESET, TRUSTED_PUBLISHER_FORM, API_KEY_CREATE -> true;
            case API_KEY_SIGNIN -> level == MfaLevel.UI_AND_GEM_SIGNIN || level == MfaLevel.UI_AND_API;
            case PUSH, YANK, OWNER_ADD, OWNER_REMOVE, CONFIGURE_TRUSTED_PUBLISHERS -> level == MfaLevel.UI_AND_API || keyCreatedWithMfa;
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
