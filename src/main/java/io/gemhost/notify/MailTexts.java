package io.gemhost.notify;

import io.gemhost.language.Languages;
import io.gemhost.notify.Mailer.Mail;
import java.text.MessageFormat;
import java.util.Locale;

/**
 * The subjects and bodies of gemhost's mails, from the resource bundle {@code mails.properties}
 * ({@code mail.NAME.subject} and {@code mail.NAME.body}, in MessageFormat syntax), in the
 * recipient account's language ({@code mails_es.properties}, ...; English when it has none). Pure,
 * so a plain test checks the texts.
 */
final class MailTexts {

    private MailTexts() {
    }

    /**
     * The mail {@code name} to {@code to} in this language (a tag; null: English); {@code subject}
     * and {@code body} are the arguments of each text.
     */
    static Mail mail(String language, String to, String name, Object[] subject, Object[] body) {
        Locale locale = locale(language);
        return new Mail(to, format(locale, "mail." + name + ".subject", subject), format(locale, "mail." + name + ".body", body));
    }

    static String text(String language, String key) {
        return Languages.bundle("mails", locale(language)).getString(key);
    }

    /** A security event's name as the security log shows it (messages.properties, {@code event.KIND}). */
    static String event(String language, String kind) {
        return Languages.bundle("messages", locale(language)).getString("event." + kind);
    }

    private static Locale locale(String language) {
        return Languages.of(language).orElse(Languages.ENGLISH);
    }

    private static String format(Locale locale, String key, Object[] arguments) {
        return new MessageFormat(Languages.bundle("mails", locale).getString(key), Locale.ROOT).format(arguments);
    }
}
