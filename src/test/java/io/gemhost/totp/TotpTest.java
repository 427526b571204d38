package io.gemhost.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.ofEpochSecond(1111111111L);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long T = Totp.step(NOW);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130",
    })
    void matchesRfc6238AppendixBSha1(long epochSecond, String eightDigits) {
        Instant time = Instant.ofEpochSecond(epochSecond);
        String expected = eightDigits.substring(2);

        assertEquals(expected, Totp.code(RFC_KEY, Totp.step(time)));
        Clock clock = Clock.fixed(time, ZoneOffset.UTC);
        assertEquals(OptionalLong.of(Totp.step(time)), Totp.verify(RFC_KEY, expected, Long.MIN_VALUE, clock));
    }

    @Test
    void stepIsEpochSecondOverThirty() {
        assertEquals(1L, Totp.step(Instant.ofEpochSecond(59)));
        assertEquals(37037037L, Totp.step(NOW));
        assertEquals(666666666L, Totp.step(Instant.ofEpochSecond(20000000000L)));
    }

    @Test
    void codeKeepsLeadingZeros() {
        assertEquals("081804", Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1111111109L))));
    }

    @Test
    void acceptsOneStepEitherSide() {
        for (long s = T - 1; s <= T + 1; s++) {
            assertEquals(OptionalLong.of(s), Totp.verify(RFC_KEY, Totp.code(RFC_KEY, s), 0, CLOCK), "step " + s);
        }
    }

    @Test
    void refusesTwoStepsAway() {
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, Totp.code(RFC_KEY, T - 2), 0, CLOCK));
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, Totp.code(RFC_KEY, T + 2), 0, CLOCK));
    }

    @Test
    void refusesStepsAlreadyUsed() {
        String current = Totp.code(RFC_KEY, T);
        assertEquals(OptionalLong.of(T), Totp.verify(RFC_KEY, current, T - 1, CLOCK));
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, current, T, CLOCK), "same step again");
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, current, T + 1, CLOCK), "later step used");
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, Totp.code(RFC_KEY, T - 1), T, CLOCK),
                "earlier step after a later one");
        assertEquals(OptionalLong.of(T + 1), Totp.verify(RFC_KEY, Totp.code(RFC_KEY, T + 1), T, CLOCK));
    }

    @Test
    void refusesWrongCode() {
        String current = Totp.code(RFC_KEY, T);
        String wrong = current.equals("000000") ? "000001" : "000000";
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, wrong, 0, CLOCK));
    }

    @Test
    void trimsSurroundingSpaces() {
        String current = Totp.code(RFC_KEY, T);
        assertTrue(Totp.isTotpCandidate(" " + current + " "));
        assertEquals(OptionalLong.of(T), Totp.verify(RFC_KEY, " " + current + " ", 0, CLOCK));
        assertEquals(OptionalLong.of(T), Totp.verify(RFC_KEY, "   " + current, 0, CLOCK));
    }

    @Test
    void refusesTheRightCodeInNonAsciiDigits() {
        String current = Totp.code(RFC_KEY, T);
        String arabicIndic = shiftDigits(current, '\u0660');
        String fullWidth = shiftDigits(current, '\uFF10');
        String devanagari = shiftDigits(current, '\u0966');
        for (String input : new String[] {arabicIndic, fullWidth, devanagari}) {
            assertFalse(Totp.isTotpCandidate(input), input);
            assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, input, 0, CLOCK), input);
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ", "+12345", "-12345", "1234567", "12345", "12 345", "abcdef", "12345a", "\u0661\u0662\u0663\u0664\u0665\u0666",
        "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16", "\t123456", "123456\n", "0x1234", "1e5000",
    })
    void isNotACandidate(String input) {
        assertFalse(Totp.isTotpCandidate(input));
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, input, 0, CLOCK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "000000", " 999999 ", "  012345"})
    void isACandidate(String input) {
        assertTrue(Totp.isTotpCandidate(input));
    }

    @Test
    void verifyNeverThrows() {
        String current = Totp.code(RFC_KEY, T);
        assertEquals(OptionalLong.empty(), Totp.verify(null, current, 0, CLOCK));
        assertEquals(OptionalLong.empty(), Totp.verify(new byte[0], current, 0, CLOCK));
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, current, 0, null));
        assertEquals(OptionalLong.empty(), Totp.verify(null, null, Long.MAX_VALUE, null));
        assertEquals(OptionalLong.empty(), Totp.verify(RFC_KEY, "x".repeat(100_000), 0, CLOCK));
    }

    @Test
    void newKeyHasTwentyRandomBytes() {
        SecureRandom random = new SecureRandom();
        byte[] first = Totp.newKey(random);
        byte[] second = Totp.newKey(random);
        assertEquals(20, first.length);
        assertFalse(Arrays.equals(first, second));
    }

    private static String shiftDigits(String asciiDigits, char zero) {
        StringBuilder out = new StringBuilder();
        for (char c : asciiDigits.toCharArray()) {
            out.append((char) (zero + (c - '0')));
        }
        return out.toString();
    }
}
