package io.gemhost;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The checks features apply to what a client sends: the names people give, and how deep a JSON body nests. */
class InputChecksTest {

    /** Names.isPlain. */
    @Nested
    class PlainNames {

        @Test
        void controlFormatSeparatorAndLoneSurrogateCharactersAreRefused() {
            for (String bad : new String[] {"a\rb", "a\nb", "a\tb", "a\u0000", "a\u007f", "a\u0085b", "a\u009bb", "key\u202Eyeb",
                    "\u2066a\u2069", "a\u200Bb", "a\u200Db", "\uFEFFa", "a\u00ADb", "a\u2028b", "a\u2029b", "a\uD800b", "a\uDC00"}) {
                assertFalse(Names.isPlain(bad), bad.codePoints().mapToObj(Integer::toHexString).toList().toString());
            }
            assertFalse(Names.isPlain(null));
        }

        @Test
        void lettersDigitsSymbolsAndSpacesOfAnyScriptAreNames() {
            for (String good : new String[] {"", "Blue key", "Clé bleue", "ключ", "鍵 2", "مفتاح", "key 🔑", "gemhost-laptop-2026-01-01T10:00:00Z",
                    "a\u00A0b", "O'Brien's <key> & \"more\""}) {
                assertTrue(Names.isPlain(good), good);
            }
        }
    }

    /** JsonDepth.atMost. */
    @Nested
    class JsonNesting {

        @Test
        void countsBracketsOutsideStringsOnly() {
            assertTrue(JsonDepth.atMost("{\"a\":[1,{\"b\":2}]}", 3));
            assertFalse(JsonDepth.atMost("{\"a\":[1,{\"b\":[2]}]}", 3));
            assertTrue(JsonDepth.atMost("{\"a\":\"[[[[{{{{\"}", 1), "brackets in a string do not nest");
            assertTrue(JsonDepth.atMost("{\"a\":\"\\\"[[[[\"}", 1), "an escaped quote does not end the string");
            assertFalse(JsonDepth.atMost("[".repeat(10_000), 4));
            assertTrue(JsonDepth.atMost("", 0));
        }
    }
}
