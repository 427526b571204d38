package io.gemhost;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonDepthTest {

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
