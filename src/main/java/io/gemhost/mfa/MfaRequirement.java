package io.gemhost.mfa;

import io.gemhost.account.MfaLevel;
import io.gemhost.mfa.MfaPolicy.Action;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's MFA policy, GEMHOST_MFA_POLICY (docs/SECURITY.md, "The operator's MFA policy"):
 * whether an account must, should or need not have a second factor at a level that reaches the
 * gem client. The one home of that rule for both doors: the API guard asks {@link #api} and
 * refuses or warns with rubygems.org's words; the page guard asks {@link #confinesPages}; the
 * profile and operator pages ask {@link #advice} and {@link #meets}. Which actions need a code
 * at which level stays MfaPolicy's; this class decides only whether the account may act at all.
 * Pure: no container, no clock.
 */
public final class MfaRequirement {

    /** The three values of GEMHOST_MFA_POLICY. */
    public enum Setting {
        OFF, RECOMMEND, REQUIRE;

        /** The setting's value as the README spells it ({@code null}: the default, recommend); anything else refuses the start. */
        public static Setting of(String value) {
            if (value == null || value.isBlank()) {
                return RECOMMEND;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "off" -> OFF;
                case "recommend" -> RECOMMEND;
                case "require" -> REQUIRE;
                default -> throw new IllegalStateException("GEMHOST_MFA_POLICY must be off, recommend or require, got '" + value + "'");
            };
        }

        /** The word an operator set. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the API does with a request: let it through, let it through and end its answer with
     * {@code text} on a line of its own, or refuse it with 403 and {@code text}.
     */
    public record Verdict(Kind kind, String text) {

        public enum Kind { ALLOW, WARN, REFUSE }

        static final Verdict ALLOW = new Verdict(Kind.ALLOW, null);
    }

    private MfaRequirement() {
    }

    /** Whether an account at {@code level} meets the policy: a second factor that guards the gem client too. */
    public static boolean meets(MfaLevel level) {
        return level == MfaLevel.UI_AND_GEM_SIGNIN || level == MfaLevel.UI_AND_API;
    }

    /**
     * The API's verdict for an account at {@code level} about to do {@code action} (null: a route
     * that names none). {@code require} refuses making or updating a key and every change of gems,
     * owners and publishers; {@code recommend} warns on the changes whose answer is a sentence
     * (never on gem signin, whose answer is the key itself); {@code off} lets everything through.
     */
    public static Verdict api(Setting setting, MfaLevel level, Action action, String baseUrl) {
        if (action == null || meets(level)) {
            return Verdict.ALLOW;
        }
        boolean none = !level.isOn();
        return switch (setting) {
            case OFF -> Verdict.ALLOW;
            case REQUIRE -> switch (action) {
                case API_KEY_SIGNIN, PUSH, YANK, OWNER_ADD, OWNER_REMOVE, CONFIGURE_TRUSTED_PUBLISHERS -> new Verdict(Verdict.Kind.REFUSE, none
                        ? "[ERROR] For protection of your account and your gems, you are required to set up multi-factor authentication at "
                                + baseUrl + "/totp/new."
                        : "[ERROR] For protection of your account and your gems, you are required to change your MFA level to "
                                + "'UI and gem signin' or 'UI and API' at " + baseUrl + "/profile/edit.");
                default -> Verdict.ALLOW;
            };
            case RECOMMEND -> switch (action) {
                case PUSH, YANK, OWNER_ADD, OWNER_REMOVE -> new Verdict(Verdict.Kind.WARN, none
                        ? "[WARNING] For protection of your account and gems, we encourage you to set up multi-factor authentication at "
                                + baseUrl + "/totp/new. Your account will be required to have MFA enabled in the future."
                        : "[WARNING] For protection of your account and gems, we encourage you to change your multi-factor authentication level to "
                                + "'UI and gem signin' or 'UI and API' at " + baseUrl + "/profile/edit. "
                                + "Your account will be required to have MFA enabled on one of these levels in the future.");
                default -> Verdict.ALLOW;
            };
        };
    }

    /**
     * Whether the pages confine an account at {@code level} to signing in and out, confirming its
     * email and setting up a second factor (the page guard holds the list).
     */
    public static boolean confinesPages(Setting setting, MfaLevel level) {
        return setting == Setting.REQUIRE && !meets(level);
    }

    /** The key (messages.properties) of what the profile page tells an account at {@code level}; empty when it meets the policy or the policy is off. */
    public static Optional<String> advice(Setting setting, MfaLevel level) {
        if (setting == Setting.OFF || meets(level)) {
            return Optional.empty();
        }
        String what = level.isOn() ? "level" : "setup";
        return Optional.of((setting == Setting.REQUIRE ? "mfa.policy.required." : "mfa.policy.recommended.") + what);
    }
}
