package io.gemhost;

/**
 * The one depth check of JSON text that comes from outside, made before any parser sees it: a
 * parser that recurses per bracket must never meet a body nested deeper than its reader expects.
 * Pure.
 */
public final class JsonDepth {

    private JsonDepth() {
    }

    /** Whether brackets outside strings nest at most {@code max} deep. */
    public static boolean atMost(String body, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return false;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return true;
    }
}
