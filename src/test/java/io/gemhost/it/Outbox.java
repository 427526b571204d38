package io.gemhost.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The development mail outbox of a server (GEMHOST_DATA/outbox/*.eml), read as text. */
public final class Outbox {

    private static final java.util.Map<String, Path> DATA = new java.util.concurrent.ConcurrentHashMap<>();

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
}
