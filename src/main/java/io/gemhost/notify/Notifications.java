package io.gemhost.notify;

import io.gemhost.account.Accounts;
import io.gemhost.audit.AuditLog.SecurityEventRecorded;
import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.notify.Mailer.Mail;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tells an account holder by mail about each change to their second factor (and password), once
 * the change has committed. A mail names what happened, when, and from where; it never holds a
 * code, key or password (the recorded details hold none either). The recipient is read inside the
 * recording transaction, as the account is at that moment (an email change is recorded before it
 * applies, so its notice goes to the old address); the mail itself waits for the commit.
 */
@ApplicationScoped
public class Notifications {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    Accounts accounts;
    @Inject
    Event<Mail> mails;

    void onRecorded(@Observes SecurityEventRecorded event) {
        if (!event.kind().notifies() || event.accountId() == null) {
            return;
        }
        accounts.find(event.accountId()).ifPresent(account -> mails.fire(
                notice(account.getHandle(), account.getEmail(), account.getLanguage(), event.kind(), event.detail(), event.client(), event.at())));
    }

    /** The notice in the account's language (a tag; null: English). */
    static Mail notice(String handle, String email, String language, EventKind kind, String detail, Client client, Instant at) {
        String unknown = MailTexts.text(language, "mail.notice.unknown");
        String what = MailTexts.event(language, kind.name());
        return MailTexts.mail(language, email, "notice", new Object[] {what}, new Object[] {handle, email,
                what + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"),
                TIME.format(at),
                client.ip().isEmpty() ? unknown : client.ip(),
                client.userAgent().isEmpty() ? unknown : client.userAgent()});
    }
}
