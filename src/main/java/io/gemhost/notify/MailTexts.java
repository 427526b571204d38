package io.gemhost.notify;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The subjects and bodies of gemhost's mails, from the resource bundle {@code mails.properties}
 * ({@code mail.NAME.subject} and {@code mail.NAME.body}, in MessageFormat syntax). Pure, so a
 * plain test checks the texts.
 */
final class MailTexts {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("mails", Locale.ROOT, MailTexts.class.getClassLoader());

    private MailTexts() {
    }

    /** The mail {@code name} to {@code to}; {@code subject} and {@code body} are the arguments of each text. */
    static Mail mail(String to, String name, Object[] subject, Object[] body) {
        return new Mail(to, format("mail." + name + ".subject", subject), format("mail." + name + ".body", body));
    }

    static String text(String key) {
        return BUNDLE.getString(key);
    }

    private static String format(String key, Object[] arguments) {
        return new MessageFormat(text(key), Locale.ROOT).format(arguments);
    }
}
