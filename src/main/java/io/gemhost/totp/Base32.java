package io.gemhost.totp;

import java.io.ByteArrayOutputStream;

/**
 * RFC 4648 base32, the alphabet authenticator apps expect for TOTP secrets.
 *
 * <p>Encoding is strict and minimal: upper case and no {@code =} padding, because several apps refuse padded
 * secrets. Decoding is lenient towards what a person may copy by hand (lower case, spaces, padding) but rejects any
 * other character, so a mistyped secret fails loudly instead of silently producing a different key.
 */
public final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException on a character outside the alphabet, or a length no encoder produces
     */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("base32 text is null");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        int symbols = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '=') {
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 'a' + 'A');
            }
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not a base32 character at position " + i);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            symbols++;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        int tail = symbols % 8;
        if (tail == 1 || tail == 3 || tail == 6) {
            throw new IllegalArgumentException("base32 text has an impossible length");
        }
        return out.toByteArray();
    }
}
