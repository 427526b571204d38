package io.gemhost.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A mail of the outbox as its reader sees it: the subject's encoded words and the body's transfer encoding undone. */
final class Mime {

    record Decoded(String subject, String body) {
    }

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private Mime() {
    }

    static Decoded decode(String raw) {
        String text = raw.replace("\r\n", "\n");
        int split = text.indexOf("\n\n");
        String head = (split < 0 ? text : text.substring(0, split)).replaceAll("\n[ \t]+", " ");
        String body = split < 0 ? "" : text.substring(split + 2);
        String subject = "";
        String encoding = "7bit";
        for (String line : head.split("\n")) {
            if (line.regionMatches(true, 0, "Subject: ", 0, 9)) {
                subject = words(line.substring(9));
            } else if (line.regionMatches(true, 0, "Content-Transfer-Encoding: ", 0, 27)) {
                encoding = line.substring(27).strip().toLowerCase();
            }
        }
        byte[] bytes = switch (encoding) {
            case "base64" -> Base64.getMimeDecoder().decode(body);
            case "quoted-printable" -> quotedPrintable(body, false);
            default -> body.getBytes(StandardCharsets.UTF_8);
        };
        return new Decoded(subject, new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /** RFC 2047: encoded words, with the white space between two of them dropped. */
    private static String words(String header) {
        String joined = header.replaceAll("\\?=\\s+=\\?", "?==?");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset charset = Charset.forName(m.group(1));
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(m.group(3)) : quotedPrintable(m.group(3), true);
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] quotedPrintable(String text, boolean underscoreIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = text.replace("=\r\n", "").replace("=\n", "");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && i + 2 < s.length() + 0 && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '_' && underscoreIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
