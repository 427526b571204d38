package io.gemhost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 digest, in lower-case hex, under which gemhost stores every secret it must recognise again (keys, tokens, codes, sessions). */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest of the text's UTF-8 bytes. */
    public static String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
