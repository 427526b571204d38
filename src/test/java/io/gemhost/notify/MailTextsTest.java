package io.gemhost.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gemhost.audit.Client;
import io.gemhost.audit.EventKind;
import io.gemhost.notify.Mailer.Mail;
import org.junit.jupiter.api.Test;

/** The mails' subjects and bodies, character for character, as they were when written in code. */
class MailTextsTest {

    private static final String BASE = "https://gems.example.org";

    private static Mail link(String name, String handle, String token) {
        return MailTexts.mail(null, "ana@example.org", name, new Object[0], new Object[] {handle, BASE, token});
    }

    @Test
    void confirmEmail() {
        assertEquals(new Mail("ana@example.org", "gemhost: Confirm your email address", "Hello ana,\n\n"
                + "please confirm your email address for gemhost by opening this link (valid for 24 hours, once):\n\n"
                + "  " + BASE + "/email/confirm?token=" + "t0k3n" + "\n\n"
                + "Until then you can sign in and set up multifactor authentication, but not push gems or become\n"
                + "an owner of one. If you did not sign up for gemhost, ignore this mail.\n"), link("confirmEmail", "ana", "t0k3n"));
    }

    @Test
    void resetPassword() {
        assertEquals(new Mail("ana@example.org", "gemhost: Reset your password", "Hello ana,\n\n"
                + "someone (hopefully you) asked to reset the password of your gemhost account. To choose a new\n"
                + "password, open this link (valid for 1 hour, once):\n\n"
                + "  " + BASE + "/password/edit?token=" + "t0k3n" + "\n\n"
                + "If multifactor authentication is on, you will also need a code from your authenticator app or\n"
                + "a recovery code. If you did not ask for this, ignore this mail: your password stays as it is.\n"),
                link("resetPassword", "ana", "t0k3n"));
    }

    @Test
    void changeEmail() {
        assertEquals(new Mail("ana@example.org", "gemhost: Confirm your new email address", "Hello ana,\n\n"
                + "to make this the email address of your gemhost account, open this link (valid for 24 hours, once):\n\n"
                + "  " + BASE + "/email/confirm?token=" + "t0k3n" + "\n\n"
                + "If you did not ask for this, ignore this mail.\n"), link("changeEmail", "ana", "t0k3n"));
    }

    @Test
    void operatorResetMfa() {
        String reason = "lost phone, ticket #12 {0} 'quoted'";
        assertEquals(new Mail("ana@example.org", "gemhost: An operator reset your multifactor authentication", "Hello ana,\n\n"
                + "a gemhost operator turned multifactor authentication off for your account. The reason given:\n\n"
                + "  " + reason + "\n\n"
                + "Sign in and register your authenticator app again. If you did not ask for this, change your\n"
                + "password and contact the operators.\n"),
                MailTexts.mail(null, "ana@example.org", "operatorResetMfa", new Object[0], new Object[] {"ana", reason}));
    }

    @Test
    void securityNotice() {
        assertEquals(new Mail("ana@example.org", "gemhost: API key created", "Hello ana,\n\n"
                + "this is a security notice for your gemhost account ana@example.org:\n\n"
                + "  API key created (ci (push_rubygem))\n"
                + "  Time: 2026-01-02 03:04:05 UTC\n"
                + "  IP address: 203.0.113.9\n"
                + "  Browser or client: unknown\n\n"
                + "If this was you, there is nothing to do.\n"
                + "If it was not, sign in now, change your password, check your multifactor authentication\n"
                + "settings and API keys on your profile page, and read your security log.\n"),
                Notifications.notice("ana", "ana@example.org", null, EventKind.API_KEY_CREATED, "ci (push_rubygem)",
                        new Client("203.0.113.9", null), java.time.Instant.ofEpochMilli(1767323045000L)));
        assertEquals("  Multifactor authentication enabled\n  Time: 1970-01-01 00:00:00 UTC\n  IP address: unknown\n",
                Notifications.notice("ana", "a@b.org", null, EventKind.MFA_ENABLED, " ", Client.UNKNOWN, java.time.Instant.EPOCH).body()
                        .lines().skip(4).limit(3).map(l -> l + "\n").reduce("", String::concat));
    }
}
