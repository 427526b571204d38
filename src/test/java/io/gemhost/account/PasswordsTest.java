package io.gemhost.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    /** Stored by gemhost on Payara Micro 6.2025.10 through Jakarta Security's Pbkdf2PasswordHash (Soteria), 1024 iterations. */
    static final String SOTERIA = "PBKDF2WithHmacSHA256:1024:feVZIZL4pQ3J7HUzjBzzUg==:OSXGLuuH8xLU9d6Pet2ziMwIVmdTSKLfJ78zpZply9I=";

    @Test
    void hashesStoredThroughPbkdf2PasswordHashStillVerify() {
        assertTrue(Passwords.matches("correct horse fg57iaxd4".toCharArray(), SOTERIA));
        assertFalse(Passwords.matches("correct horse fg57iaxd5".toCharArray(), SOTERIA));
    }

    @Test
    void newHashesHaveTheSameFormatAndAFreshSalt() {
        String a = Passwords.encode("secret".toCharArray(), 1024);
        String b = Passwords.encode("secret".toCharArray(), 1024);
        assertTrue(a.matches("PBKDF2WithHmacSHA256:1024:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]{43}="), a);
        assertNotEquals(a, b);
        assertTrue(Passwords.matches("secret".toCharArray(), a));
        assertFalse(Passwords.matches("Secret".toCharArray(), a));
        assertFalse(Passwords.matches("".toCharArray(), a));
    }

    @Test
    void aMalformedHashIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Passwords.matches("x".toCharArray(), "MD5:1:AAAA:AAAA"));
        assertThrows(IllegalArgumentException.class, () -> Passwords.matches("x".toCharArray(), "PBKDF2WithHmacSHA256:1024:AAAA"));
    }
}
