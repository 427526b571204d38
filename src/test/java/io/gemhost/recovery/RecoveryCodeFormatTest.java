package io.gemhost.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodeFormatTest {

    private static final String GROUP = "[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}";
    private static final Pattern DISPLAYED = Pattern.compile(GROUP + "-" + GROUP + "-" + GROUP);
    private static final String CODE = "AB3D7FGH9K2MPQ4R5T";

    private final SecureRandom random = new SecureRandom();

    @Test
    void alphabetHasNoLookAlikes() {
        assertEquals(30, RecoveryCodeFormat.ALPHABET.length());
        for (char c : "01OILU".toCharArray()) {
            assertEquals(-1, RecoveryCodeFormat.ALPHABET.indexOf(c), String.valueOf(c));
        }
    }

    @Test
    void generatedCodesHaveTheDisplayedFormat() {
        for (int i = 0; i < 200; i++) {
            String code = RecoveryCodeFormat.generate(random);
            assertTrue(DISPLAYED.matcher(code).matches(), code);
            assertEquals(Optional.of(code.replace("-", "")), RecoveryCodeFormat.normalize(code));
        }
    }

    @Test
    void thousandGeneratedCodesAreDistinct() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            codes.add(RecoveryCodeFormat.generate(random));
        }
        assertEquals(1000, codes.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AB3D7F-GH9K2M-PQ4R5T", "ab3d7f-gh9k2m-pq4r5t", "AB3D7FGH9K2MPQ4R5T", "ab3d7fgh9k2mpq4r5t",
        " AB3D7F GH9K2M PQ4R5T ", "AB3D7F_GH9K2M_PQ4R5T", "Ab3D 7f-gH9k 2m-Pq4R 5t", "--AB3D7F--GH9K2M--PQ4R5T--",
    })
    void normalizeForgivesCaseSpacesAndSeparators(String input) {
        assertEquals(Optional.of(CODE), RecoveryCodeFormat.normalize(input));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ", "---",
        "AB3D7F-GH9K2M-PQ4R5",       // 17
        "AB3D7F-GH9K2M-PQ4R5TX",     // 19
        "0B3D7F-GH9K2M-PQ4R5T", "OB3D7F-GH9K2M-PQ4R5T", "1B3D7F-GH9K2M-PQ4R5T",
        "IB3D7F-GH9K2M-PQ4R5T", "LB3D7F-GH9K2M-PQ4R5T", "UB3D7F-GH9K2M-PQ4R5T", "ub3d7f-gh9k2m-pq4r5t",
        "AB3D7F.GH9K2M.PQ4R5T", "AB3D7F\tGH9K2M\tPQ4R5T", "AB3D7F-GH9K2M-PQ4R5T\n",
        "\uFF21B3D7F-GH9K2M-PQ4R5T",   // full-width A
        "AB3D7F-GH9K2M-PQ4R5\u017F",   // long s, upper-cases to S in Java
        "AB3D7F-GH9K2M-PQ4R5T\u200B",  // zero-width space
        "\u0661B3D7F-GH9K2M-PQ4R5T",   // Arabic-Indic one
        "123456",
    })
    void normalizeRefusesAnythingElse(String input) {
        assertEquals(Optional.empty(), RecoveryCodeFormat.normalize(input));
    }

    @Test
    void normalizeRefusesOverlongInputQuietly() {
        assertEquals(Optional.empty(), RecoveryCodeFormat.normalize(CODE.repeat(10_000)));
        assertEquals(Optional.empty(), RecoveryCodeFormat.normalize(" ".repeat(100_000) + CODE));
    }

    @Test
    void splitsIntoLookupAndSecret() {
        assertEquals("AB3D", RecoveryCodeFormat.lookup(CODE));
        assertEquals("7FGH9K2MPQ4R5T", RecoveryCodeFormat.secret(CODE));
        assertEquals(CODE, RecoveryCodeFormat.lookup(CODE) + RecoveryCodeFormat.secret(CODE));
    }

    @Test
    void displaysThreeGroupsOfSix() {
        assertEquals("AB3D7F-GH9K2M-PQ4R5T", RecoveryCodeFormat.display(CODE));
    }

    @Test
    void partsRequireANormalizedCode() {
        assertThrows(IllegalArgumentException.class, () -> RecoveryCodeFormat.lookup("AB3D7F-GH9K2M-PQ4R5T"));
        assertThrows(IllegalArgumentException.class, () -> RecoveryCodeFormat.secret(null));
        assertThrows(IllegalArgumentException.class, () -> RecoveryCodeFormat.display("ab3d7fgh9k2mpq4r5t"));
    }

    @Test
    void secretPartCarriesAtLeast64Bits() {
        assertTrue(RecoveryCodeFormat.secretBits() >= 64, String.valueOf(RecoveryCodeFormat.secretBits()));
        assertEquals(14 * Math.log(30) / Math.log(2), RecoveryCodeFormat.secretBits(), 1e-9);
    }
}
