package io.gemhost.notify;

import io.gemhost.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Mails that carry a link (email confirmation, password reset, email change) or an operator's
 * word, sent once the transaction that made them commits (callers are services inside their
 * container transaction). The link's token is in this one mail
 * only; it is never logged or stored in clear.
 */
@ApplicationScoped
public class Mails {

    @Inject
    Event<Mail> mails;
    @Inject
    Settings settings;

    public void confirmEmail(String to, String handle, String token) {
        send(to, "gemhost: Confirm your email address", "Hello " + handle + ",\n\n"
                + "please confirm your email address for gemhost by opening this link (valid for 24 hours, once):\n\n"
                + "  " + settings.baseUrl() + "/email/confirm?token=" + token + "\n\n"
                + "Until then you can sign in and set up multifactor authentication, but not push gems or become\n"
                + "an owner of one. If you did not sign up for gemhost, ignore this mail.\n");
    }

    public void resetPassword(String to, String handle, String token) {
        send(to, "gemhost: Reset your password", "Hello " + handle + ",\n\n"
                + "someone (hopefully you) asked to reset the password of your gemhost account. To choose a new\n"
                + "password, open this link (valid for 1 hour, once):\n\n"
                + "  " + settings.baseUrl() + "/password/edit?token=" + token + "\n\n"
                + "If multifactor authentication is on, you will also need a code from your authenticator app or\n"
                + "a recovery code. If you did not ask for this, ignore this mail: your password stays as it is.\n");
    }

    public void changeEmail(String to, String handle, String token) {
        send(to, "gemhost: Confirm your new email address", "Hello " + handle + ",\n\n"
                + "to make this the email address of your gemhost account, open this link (valid for 24 hours, once):\n\n"
                + "  " + settings.baseUrl() + "/email/confirm?token=" + token + "\n\n"
                + "If you did not ask for this, ignore this mail.\n");
    }

    public void operatorResetMfa(String to, String handle, String reason) {
        send(to, "gemhost: An operator reset your multifactor authentication", "Hello " + handle + ",\n\n"
                + "a gemhost operator turned multifactor authentication off for your account. The reason given:\n\n"
                + "  " + reason + "\n\n"
                + "Sign in and register your authenticator app again. If you did not ask for this, change your\n"
                + "password and contact the operators.\n");
    }

    private void send(String to, String subject, String body) {
        mails.fire(new Mail(to, subject, body));
    }
}
