package io.gemhost.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.account.MfaLevel;
import io.gemhost.mfa.MfaPolicy.Action;
import io.gemhost.mfa.MfaRequirement.Setting;
import io.gemhost.mfa.MfaRequirement.Verdict;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GEMHOST_MFA_POLICY's one rule: which account, doing what, is let through, warned or refused, with which words. */
class MfaRequirementTest {

    static final String BASE = "https://gems.example.org";
    static final Set<Action> REFUSED = EnumSet.of(Action.API_KEY_SIGNIN, Action.PUSH, Action.YANK, Action.OWNER_ADD, Action.OWNER_REMOVE,
            Action.CONFIGURE_TRUSTED_PUBLISHERS);
    static final Set<Action> WARNED = EnumSet.of(Action.PUSH, Action.YANK, Action.OWNER_ADD, Action.OWNER_REMOVE);

    @Test
    void theSettingIsOneOfThreeWordsAndRecommendByDefault() {
        assertEquals(Setting.RECOMMEND, Setting.of(null));
        assertEquals(Setting.RECOMMEND, Setting.of("recommend"));
        assertEquals(Setting.OFF, Setting.of("off"));
        assertEquals(Setting.REQUIRE, Setting.of("REQUIRE"));
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> Setting.of("yes"));
        assertTrue(bad.getMessage().contains("GEMHOST_MFA_POLICY"), bad.getMessage());
    }

    @Test
    void requireRefusesKeysAndGemChangesWithRubygemsOrgsWords() {
        for (Action action : REFUSED) {
            Verdict none = MfaRequirement.api(Setting.REQUIRE, MfaLevel.DISABLED, action, BASE);
            assertEquals(Verdict.Kind.REFUSE, none.kind(), action.name());
            assertEquals("[ERROR] For protection of your account and your gems, you are required to set up multi-factor authentication at "
                    + "https://gems.example.org/totp/new.", none.text());
            Verdict weak = MfaRequirement.api(Setting.REQUIRE, MfaLevel.UI_ONLY, action, BASE);
            assertEquals(Verdict.Kind.REFUSE, weak.kind(), action.name());
            assertEquals("[ERROR] For protection of your account and your gems, you are required to change your MFA level to "
                    + "'UI and gem signin' or 'UI and API' at https://gems.example.org/profile/edit.", weak.text());
        }
        for (MfaLevel strong : new MfaLevel[] {MfaLevel.UI_AND_GEM_SIGNIN, MfaLevel.UI_AND_API}) {
            for (Action action : Action.values()) {
                assertEquals(Verdict.Kind.ALLOW, MfaRequirement.api(Setting.REQUIRE, strong, action, BASE).kind(), strong + " " + action);
            }
        }
        for (Action action : EnumSet.complementOf(EnumSet.copyOf(REFUSED))) {
            assertEquals(Verdict.Kind.ALLOW, MfaRequirement.api(Setting.REQUIRE, MfaLevel.DISABLED, action, BASE).kind(), action.name());
        }
        assertEquals(Verdict.Kind.ALLOW, MfaRequirement.api(Setting.REQUIRE, MfaLevel.DISABLED, null, BASE).kind(), "a route without an action");
    }

    @Test
    void recommendWarnsOnGemChangesAndNeverRefuses() {
        for (Action action : Action.values()) {
            Verdict none = MfaRequirement.api(Setting.RECOMMEND, MfaLevel.DISABLED, action, BASE);
            if (WARNED.contains(action)) {
                assertEquals(Verdict.Kind.WARN, none.kind(), action.name());
                assertEquals("[WARNING] For protection of your account and gems, we encourage you to set up multi-factor authentication at "
                        + "https://gems.example.org/totp/new. Your account will be required to have MFA enabled in the future.", none.text());
                Verdict weak = MfaRequirement.api(Setting.RECOMMEND, MfaLevel.UI_ONLY, action, BASE);
                assertEquals(Verdict.Kind.WARN, weak.kind());
                assertTrue(weak.text().startsWith("[WARNING] For protection of your account and gems, we encourage you to change your "
                        + "multi-factor authentication level to 'UI and gem signin' or 'UI and API' at https://gems.example.org/profile/edit."), weak.text());
            } else {
                assertEquals(Verdict.Kind.ALLOW, none.kind(), action + ": the key itself is the body of gem signin, nothing may follow it");
            }
            assertEquals(Verdict.Kind.ALLOW, MfaRequirement.api(Setting.RECOMMEND, MfaLevel.UI_AND_GEM_SIGNIN, action, BASE).kind());
        }
    }

    @Test
    void offSaysNothing() {
        for (MfaLevel level : MfaLevel.values()) {
            for (Action action : Action.values()) {
                assertEquals(Verdict.Kind.ALLOW, MfaRequirement.api(Setting.OFF, level, action, BASE).kind());
            }
            assertFalse(MfaRequirement.confinesPages(Setting.OFF, level));
            assertEquals(Optional.empty(), MfaRequirement.advice(Setting.OFF, level));
        }
    }

    @Test
    void onlyRequireConfinesPagesAndOnlyAccountsBelowGemSignin() {
        assertTrue(MfaRequirement.confinesPages(Setting.REQUIRE, MfaLevel.DISABLED));
        assertTrue(MfaRequirement.confinesPages(Setting.REQUIRE, MfaLevel.UI_ONLY));
        assertFalse(MfaRequirement.confinesPages(Setting.REQUIRE, MfaLevel.UI_AND_GEM_SIGNIN));
        assertFalse(MfaRequirement.confinesPages(Setting.REQUIRE, MfaLevel.UI_AND_API));
        for (MfaLevel level : MfaLevel.values()) {
            assertFalse(MfaRequirement.confinesPages(Setting.RECOMMEND, level));
        }
    }

    @Test
    void theProfileAdvisesOrDemandsPerSettingAndLevel() {
        assertEquals(Optional.of("mfa.policy.required.setup"), MfaRequirement.advice(Setting.REQUIRE, MfaLevel.DISABLED));
        assertEquals(Optional.of("mfa.policy.required.level"), MfaRequirement.advice(Setting.REQUIRE, MfaLevel.UI_ONLY));
        assertEquals(Optional.of("mfa.policy.recommended.setup"), MfaRequirement.advice(Setting.RECOMMEND, MfaLevel.DISABLED));
        assertEquals(Optional.of("mfa.policy.recommended.level"), MfaRequirement.advice(Setting.RECOMMEND, MfaLevel.UI_ONLY));
        assertEquals(Optional.empty(), MfaRequirement.advice(Setting.REQUIRE, MfaLevel.UI_AND_API));
        assertEquals(Optional.empty(), MfaRequirement.advice(Setting.RECOMMEND, MfaLevel.UI_AND_GEM_SIGNIN));
    }

    @Test
    void meetingThePolicyIsGemSigninOrAbove() {
        assertFalse(MfaRequirement.meets(MfaLevel.DISABLED));
        assertFalse(MfaRequirement.meets(MfaLevel.UI_ONLY));
        assertTrue(MfaRequirement.meets(MfaLevel.UI_AND_GEM_SIGNIN));
        assertTrue(MfaRequirement.meets(MfaLevel.UI_AND_API));
    }
}
