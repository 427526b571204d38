package io.gemhost.notify;

import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.config.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tells an account holder by mail about each change to their second factor (and password), once
 * the change has committed. A mail names what happened, when, and from where; it never holds a
 * code, key or password (the recorded details hold none either).
 */
@ApplicationScoped
public class Notifications {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    Mailer mailer;
    @Inject
    Transactions transactions;

    public void afterCommit(String email, String handle, EventKind kind, String detail, Client client, long at) {
        if (!kind.notifies()) {
            return;
        }
        Mailer.Mail mail = new Mailer.Mail(email, "gemhost: " + kind.label(), body(handle, email, kind, detail, client, at));
        transactions.afterCompletion(committed -> {
            if (committed) {
                mailer.send(mail);
            }
        });
    }

    static String body(String handle, String email, EventKind kind, String detail, Client client, long at) {
        return "Hello " + handle + ",\n\n"
                + "this is a security notice for your gemhost account " + email + ":\n\n"
                + "  " + kind.label() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")") + "\n"
                + "  Time: " + TIME.format(Instant.ofEpochMilli(at)) + "\n"
                + "  IP address: " + (client.ip().isEmpty() ? "unknown" : client.ip()) + "\n"
                + "  Browser or client: " + (client.userAgent().isEmpty() ? "unknown" : client.userAgent()) + "\n\n"
                + "If this was you, there is nothing to do.\n"
                + "If it was not, sign in now, change your password, check your multifactor authentication\n"
                + "settings and API keys on your profile page, and read your security log.\n";
    }
}
