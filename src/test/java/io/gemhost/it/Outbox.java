package io.gemhost.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The development mail outbox of a server (GEMHOST_DATA/outbox/*.eml), read as text. */
public final class Outbox {

    private Outbox() {
    }

    public static List<String> mailsTo(ServerProcess server, String email) throws IOException {
        Path dir = server.dataDir.resolve("outbox");
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
    public static String await(ServerProcess server, String email, String subject) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<String> newestFirst = new ArrayList<>(mailsTo(server, email));
            java.util.Collections.reverse(newestFirst);
            for (String mail : newestFirst) {
                if (mail.contains("Subject: " + subject + "\r\n") || mail.contains("Subject: " + subject + "\n")) {
                    return mail;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no mail '" + subject + "' to " + email + " in " + server.dataDir.resolve("outbox")
                        + "; mails to it: " + mailsTo(server, email));
            }
            Thread.sleep(200);
        }
    }
}
