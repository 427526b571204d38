package io.gemhost.notify;

import io.gemhost.config.Settings;
import io.gemhost.notify.Mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Mails that carry a link (email confirmation, password reset, email change) or an operator's
 * word, sent once the transaction that made them commits (callers are services, inside their
 * container transaction). Their texts are in mails.properties, in the account's language
 * ({@code language}: its stored tag, null for English). The link's token is in this one
 * mail only; it is never logged or stored in clear.
 */
@ApplicationScoped
public class Mails {

    @Inject
    Event<Mail> mails;
    @Inject
    Settings settings;

    public void confirmEmail(String to, String handle, String language, String token) {
        send(language, to, "confirmEmail", handle, settings.baseUrl(), token);
    }

    public void resetPassword(String to, String handle, String language, String token) {
        send(language, to, "resetPassword", handle, settings.baseUrl(), token);
    }

    public void changeEmail(String to, String handle, String language, String token) {
        send(language, to, "changeEmail", handle, settings.baseUrl(), token);
    }

    /** The account signed in with a password the range service reports as breached. */
    public void breachedPassword(String to, String handle, String language) {
        send(language, to, "breachedPassword", handle, settings.baseUrl());
    }

    public void operatorResetMfa(String to, String handle, String language, String reason) {
        send(language, to, "operatorResetMfa", handle, reason);
    }

    /**
     * A browser sign-in from a new device waits for this mail's link (docs/SECURITY.md, new
     * devices): when, from which address and browser, and the link.
     */
    public void unrecognizedSignIn(String to, String handle, String language, java.time.Instant at, String ip, String userAgent, String token) {
        String unknown = MailTexts.text(language, "mail.notice.unknown");
        String browser = userAgent.isEmpty() ? unknown
                : userAgent.length() > 120 ? userAgent.substring(0, 120) + "..." : userAgent;
        send(language, to, "newDevice", handle, TIME.format(at), ip.isEmpty() ? unknown : ip, browser,
                settings.baseUrl(), token);
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private void send(String language, String to, String name, Object... body) {
        mails.fire(MailTexts.mail(language, to, name, new Object[0], body));
    }
}
