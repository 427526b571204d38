package io.gemhost.account;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sign-up rules, as message keys of messages.properties; pure, so unit tests cover them.
 * Emails are ASCII (internationalised addresses are rare in gem hosting and a common spoofing
 * vector); passwords may hold any Unicode and are counted in code points.
 */
public final class AccountRules {

    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 10;
    public static final int PASSWORD_MAX = 200;

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{2,40}");

    private AccountRules() {
    }

    public static Optional<String> email(String email) {
        if (email == null || email.isBlank()) {
            return Optional.of("error.email.required");
        }
        String trimmed = email.trim();
        if (trimmed.length() > EMAIL_MAX || !EMAIL.matcher(trimmed).matches()) {
            return Optional.of("error.email.invalid");
        }
        return Optional.empty();
    }

    public static Optional<String> handle(String handle) {
        if (handle == null || handle.isBlank()) {
            return Optional.of("error.handle.required");
        }
        return HANDLE.matcher(handle.trim()).matches() ? Optional.empty() : Optional.of("error.handle.invalid");
    }

    public static Optional<String> password(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("error.password.required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < PASSWORD_MIN) {
            return Optional.of("error.password.short");
        }
        if (length > PASSWORD_MAX) {
            return Optional.of("error.password.long");
        }
        return Optional.empty();
    }
}
