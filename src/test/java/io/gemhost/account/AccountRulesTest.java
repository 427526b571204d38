package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "first.last+tag@example.org", "x_y@sub.domain.example", "  padded@example.org  "})
    void acceptsEmails(String email) {
        assertEquals(Optional.empty(), AccountRules.email(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "@example.org", "a@", "a@b", "a b@example.org", "a@exa mple.org", "ü@example.org",
            "<script>@x.org", "a@-example.org", "' OR 1=1 --"})
    void refusesMalformedEmails(String email) {
        assertEquals(Optional.of("error.email.invalid"), AccountRules.email(email));
    }

    @Test
    void emailLengthIsLimitedTo254() {
        String local = "a".repeat(64);
        String domain = ("b".repeat(60) + ".").repeat(3) + "org";
        String ok = local + "@" + domain;
        assertTrue(ok.length() <= 254);
        assertEquals(Optional.empty(), AccountRules.email(ok));
        assertEquals(Optional.of("error.email.invalid"), AccountRules.email(local + "@" + "c".repeat(60) + "." + domain));
        assertEquals(Optional.of("error.email.invalid"), AccountRules.email("a".repeat(10_000) + "@example.org"));
        assertEquals(Optional.of("error.email.required"), AccountRules.email("   "));
        assertEquals(Optional.of("error.email.required"), AccountRules.email(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "A-b_9", "0123456789012345678901234567890123456789"})
    void acceptsHandles(String handle) {
        assertEquals(Optional.empty(), AccountRules.handle(handle));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "01234567890123456789012345678901234567890", "has space", "dot.ted", "ünï", "<b>", "a/b"})
    void refusesBadHandles(String handle) {
        assertEquals(Optional.of("error.handle.invalid"), AccountRules.handle(handle));
    }

    @Test
    void passwordsAreCountedInCodePoints() {
        assertEquals(Optional.of("error.password.required"), AccountRules.password(""));
        assertEquals(Optional.of("error.password.short"), AccountRules.password("123456789"));
        assertEquals(Optional.empty(), AccountRules.password("1234567890"));
        assertEquals(Optional.of("error.password.short"), AccountRules.password("🙂".repeat(9)), "9 emoji are 18 chars but 9 code points");
        assertEquals(Optional.empty(), AccountRules.password("🙂".repeat(200)), "200 code points");
        assertEquals(Optional.of("error.password.long"), AccountRules.password("x".repeat(201)));
    }
}
