package io.gemhost.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The development mail outbox of a server (GEMHOST_DATA/outbox/*.eml), read as text; {@link #decode}
 * shows a mail as its reader sees it.
 */
public final class Outbox {

    private static final java.util.Map<String, Path> DATA = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private Outbox() {
    }

    /** A server of this run (base URL) keeps its mail under this GEMHOST_DATA. */
    public static void register(String baseUrl, Path dataDir) {
        DATA.put(baseUrl, dataDir);
    }

    public static Path dataDir(String baseUrl) {
        Path dir = DATA.get(baseUrl);
        if (dir == null) {
            throw new IllegalStateException("no server of this run at " + baseUrl);
        }
        return dir;
    }

    public static List<String> mailsTo(ServerProcess server, String email) throws IOException {
        return mailsTo(server.dataDir, email);
    }

    public static String await(ServerProcess server, String email, String subject) throws Exception {
        return await(server.dataDir, email, subject);
    }

    public static List<String> mailsTo(Path dataDir, String email) throws IOException {
        Path dir = dataDir.resolve("outbox");
        List<String> mails = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return mails;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                String text = Files.readString(file);
                if (text.contains("To: " + email + "\r\n") || text.contains("To: " + email + "\n")) {
                    mails.add(text);
                }
            }
        }
        return mails;
    }

    /** Waits up to 20 s (delivery is asynchronous) for a mail to this address whose subject is given; the newest. */
    public static String await(Path dataDir, String email, String subject) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<String> newestFirst = new ArrayList<>(mailsTo(dataDir, email));
            java.util.Collections.reverse(newestFirst);
            for (String mail : newestFirst) {
                if (mail.contains("Subject: " + subject + "\r\n") || mail.contains("Subject: " + subject + "\n")) {
                    return mail;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no mail '" + subject + "' to " + email + " in " + dataDir.resolve("outbox")
                        + "; mails to it: " + mailsTo(dataDir, email));
            }
            Thread.sleep(200);
        }
    }

    /** A mail of the outbox as its reader sees it: the subject's encoded words and the body's transfer encoding undone. */
    record Decoded(String subject, String body) {
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
