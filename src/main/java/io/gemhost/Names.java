package io.gemhost;

/**
 * The one rule for a name a person gives something (an API key, a security key): it is shown on
 * pages and written into the security log and the holder's mail, so it may hold any letters,
 * digits, symbols and spaces, but no character that changes the text around it: no control
 * character (Cc: CR, LF, NUL, DEL, NEL and the other C1 controls), no format character (Cf:
 * bidi overrides and isolates, zero-width characters), no line or paragraph separator, and no
 * lone surrogate. Lengths are the caller's.
 */
public final class Names {

    private Names() {
    }

    /** Whether this name holds only characters that stand for themselves. */
    public static boolean isPlain(String name) {
        return name != null && name.codePoints().noneMatch(Names::changesText);
    }

    private static boolean changesText(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
