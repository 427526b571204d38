package io.gemhost.mfa;

import io.gemhost.account.MfaLevel;
import io.gemhost.account.MfaLevelConverter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.mfa.MfaPolicy.Action;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy table (rubygems.org's for the API, a code for every browser action once MFA is on), written out once per action: {@code -} never, {@code otp} always, {@code key} only when the
 * API key was created with MFA. Each row is checked for both kinds of key.
 */
class MfaPolicyTest {

    private static final String[] TABLE = {
        // action,         disabled, ui_only, ui_and_gem_signin, ui_and_api
        "UI_SIGN_IN,       -,        otp,     otp,               otp",
        "LEVEL_CHANGE,     -,        otp,     otp,               otp",
        "REGENERATE_CODES, -,        otp,     otp,               otp",
        "REPLACE_AUTHENTICATOR,   -,        otp,     otp,               otp",
        "ADD_SECURITY_KEY, -,        otp,     otp,               otp",
        "REMOVE_SECURITY_KEY, -,     otp,     otp,               otp",
        "EMAIL_CONFIRM,    -,        otp,     otp,               otp",
        "EMAIL_CHANGE,     -,        otp,     otp,               otp",
        "ACCOUNT_DELETE,   -,        otp,     otp,               otp",
        "PASSWORD_CHANGE,  -,        otp,     otp,               otp",
        "PASSWORD_RESET,   -,        otp,     otp,               otp",
        "API_KEY_CREATE,   -,        otp,     otp,               otp",
        "API_KEY_SIGNIN,   -,        -,       otp,               otp",
        "PUSH,             -,        key,     key,               otp",
        "YANK,             -,        key,     key,               otp",
        "OWNER_ADD,        -,        key,     key,               otp",
        "OWNER_REMOVE,     -,        key,     key,               otp",
        "OWNERS_LIST,      -,        -,       -,                 -",
        "LIST_GEMS,        -,        -,       -,                 -",
        "CONFIGURE_TRUSTED_PUBLISHERS, -, key, key,              otp",
        "TRUSTED_PUBLISHER_FORM, -,  otp,     otp,               otp",
    };

    static Stream<Arguments> table() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String row : TABLE) {
            String[] cells = row.split(",");
            Action action = Action.valueOf(cells[0].trim());
            for (MfaLevel level : MfaLevel.values()) {
                String rule = cells[level.ordinal() + 1].trim();
                for (boolean keyWithMfa : new boolean[] {false, true}) {
                    boolean expected = rule.equals("otp") || (rule.equals("key") && keyWithMfa);
                    rows.add(Arguments.of(level, action, keyWithMfa, expected));
                }
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "{0} {1} keyWithMfa={2} -> {3}")
    @MethodSource("table")
    void followsTheProtocolTable(MfaLevel level, Action action, boolean keyWithMfa, boolean expected) {
        assertEquals(expected, MfaPolicy.requiresOtp(level, action, keyWithMfa));
    }

    @Test
    void tableCoversEveryActionOnce() {
        Set<Action> listed = new HashSet<>();
        for (String row : TABLE) {
            assertTrue(listed.add(Action.valueOf(row.split(",")[0].trim())), row);
        }
        assertEquals(Set.of(Action.values()), listed);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void disabledNeverAsksEvenForAKeyMadeWithMfa(Action action) {
        assertFalse(MfaPolicy.requiresOtp(MfaLevel.DISABLED, action, true));
    }

    @ParameterizedTest
    @CsvSource({"DISABLED, false", "UI_ONLY, false", "UI_AND_GEM_SIGNIN, true", "UI_AND_API, true"})
    void keysMadeAtGemSigninLevelAndAboveCarryTheMfaFlag(MfaLevel level, boolean flagged) {
        assertEquals(flagged, MfaPolicy.keyGetsMfaFlag(level));
    }

    @ParameterizedTest
    @CsvSource({
        "DISABLED,          disabled,          Disabled",
        "UI_ONLY,           ui_only,           UI only",
        "UI_AND_GEM_SIGNIN, ui_and_gem_signin, UI and gem signin",
        "UI_AND_API,        ui_and_api,        UI and API",
    })
    void levelsKeepRubygemsCodesAndThePageLabels(MfaLevel level, String code, String label) {
        assertEquals(code, MfaLevelConverter.code(level));
        assertEquals(code, new MfaLevelConverter().convertToDatabaseColumn(level));
        assertEquals(level, new MfaLevelConverter().convertToEntityAttribute(code));
        assertEquals(label, level.label());
        assertEquals(Optional.of(level), MfaLevelConverter.fromCode(code));
    }

    @Test
    void unknownCodesAreEmpty() {
        assertEquals(Optional.empty(), MfaLevelConverter.fromCode(null));
        assertEquals(Optional.empty(), MfaLevelConverter.fromCode(""));
        assertEquals(Optional.empty(), MfaLevelConverter.fromCode("UI_ONLY"));
        assertEquals(Optional.empty(), MfaLevelConverter.fromCode("ui only"));
        assertThrows(IllegalStateException.class, () -> new MfaLevelConverter().convertToEntityAttribute("something else"),
                "an unknown stored name must not read as a second factor switched off");
    }

    @Test
    void aGemThatRequiresMfaAcceptsChangesOnlyFromOwnersAtUiAndApi() {
        for (MfaLevel level : MfaLevel.values()) {
            assertTrue(MfaPolicy.mayChangeGem(level, false), level.name());
            assertEquals(level == MfaLevel.UI_AND_API, MfaPolicy.mayChangeGem(level, true), level.name());
        }
    }
}
