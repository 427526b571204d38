package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every factor change mails the account holder (to the outbox here), never with a secret. */
@ExtendWith(Gemhost.class)
class NotificationsIT {

    @Test
    void factorChangesAreMailedWithoutAnySecret() throws Exception {
        Browser browser = new Browser();
        Enrolled e = Mfa.enroll(browser);
        String email = e.user().email();
        ServerProcess server = Gemhost.server();

        String enabled = Outbox.await(server, email, "gemhost: Multifactor authentication enabled");
        assertTrue(enabled.contains("Hello " + e.user().handle()), enabled);
        assertTrue(enabled.contains("IP address: "), enabled);
        assertTrue(enabled.contains("From: gemhost@localhost"), enabled);

        Page level = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(0)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        Outbox.await(server, email, "gemhost: MFA level changed");
        Outbox.await(server, email, "gemhost: Recovery code used");

        HttpResponse<String> key = Api.form("POST", "/api/v1/api_key",
                Api.headers(Api.basic(email, e.user().password()), e.app().next()), Api.ALL_SCOPES);
        assertEquals(200, key.statusCode(), key.body());
        Outbox.await(server, email, "gemhost: API key created");

        for (String mail : Outbox.mailsTo(server, email)) {
            assertFalse(mail.contains(key.body()), "a mail holds the API key:\n" + mail);
            assertFalse(mail.contains(e.app().base32), "a mail holds the TOTP key:\n" + mail);
            assertFalse(mail.contains(e.user().password()), "a mail holds the password:\n" + mail);
            for (String code : e.recoveryCodes()) {
                assertFalse(mail.replace("-", "").contains(code.replace("-", "")), "a mail holds a recovery code:\n" + mail);
            }
        }
    }

    @Test
    void aSignInWithoutAFactorChangeMailsNothing() throws Exception {
        Users.User user = Users.signUp(new Browser());
        Users.signIn(new Browser(), user.email(), user.password());
        Thread.sleep(1000);
        assertEquals(java.util.List.of(), Outbox.mailsTo(Gemhost.server(), user.email()).stream()
                .filter(m -> !m.contains("Subject: gemhost: Confirm your email address")).toList());
    }
}
