package io.gemhost.account;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows how a level is stored: rubygems.org's names ("disabled", "ui_only",
 * "ui_and_gem_signin", "ui_and_api"). Changing one breaks stored rows.
 */
@Converter
public class MfaLevelConverter implements AttributeConverter<MfaLevel, String> {

    private static final Map<MfaLevel, String> CODES = Map.of(
            MfaLevel.DISABLED, "disabled",
            MfaLevel.UI_ONLY, "ui_only",
            MfaLevel.UI_AND_GEM_SIGNIN, "ui_and_gem_signin",
            MfaLevel.UI_AND_API, "ui_and_api");

    /** The stored name of a level (also what the security log shows for a level change). */
    public static String code(MfaLevel level) {
        return CODES.get(level);
    }

    /** The level stored under this name; empty for null or an unknown name. */
    public static Optional<MfaLevel> fromCode(String code) {
        return CODES.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public String convertToDatabaseColumn(MfaLevel level) {
        return code(level == null ? MfaLevel.DISABLED : level);
    }

    /** An unknown stored name fails the read: reading it as "disabled" would switch a second factor off. */
    @Override
    public MfaLevel convertToEntityAttribute(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalStateException("unknown MFA level in the database"));
    }
}
