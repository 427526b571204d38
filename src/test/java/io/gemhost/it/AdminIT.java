package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator page, for GEMHOST_ADMIN_EMAILS with MFA on, and nobody else. */
@ExtendWith(Gemhost.class)
class AdminIT {

    static final String OPERATOR = "operator@gemhost.test";
    static Browser operator;
    static Authenticator operatorApp;

    @BeforeAll
    static void signInTheOperator() throws Exception {
        operator = new Browser();
        Users.User user = new Users.User(OPERATOR, "operator", "operator password 1");
        Page page = operator.submit(operator.get("/sign_up"), "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", user.password()));
        assertEquals("/profile/edit", page.path(), page.text());
        assertEquals(404, operator.get("/admin").status(), "without MFA an operator email is nobody");
        Users.followMailedLink(operator, OPERATOR, AccountLifecycleIT.CONFIRM, "Confirm email address", Map.of());
        Page totp = operator.get("/totp/new");
        operatorApp = Mfa.readKey(totp);
        assertEquals("/multifactor_auth/recovery", operator.submit(totp, "Enable", Map.of("OTP code", operatorApp.next())).path());
    }

    @Test
    void onlyOperatorsSeeThePage() throws Exception {
        Browser someone = new Browser();
        Users.signUp(someone);
        assertEquals(404, someone.get("/admin").status());
        assertEquals(404, new Browser().get("/admin").status(), "a stranger learns nothing either");
        assertEquals(200, operator.get("/admin").status());
    }

    @Test
    void anOperatorUnlocksALockedSecondFactorAndBothLogsSaySo() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        long id = AccountLifecycleIT.accountId(e.user().email());
        AccountLifecycleIT.sql("DELETE FROM throttle WHERE throttle_key = ?", "mfa:" + id);
        AccountLifecycleIT.sql("INSERT INTO throttle (throttle_key, failures, blocked_until, updated_at) VALUES (?, 100, ?, 0)", "mfa:" + id, Long.MAX_VALUE);
        Browser locked = new Browser();
        assertTrue(Mfa.otp(locked, Mfa.password(locked, e.user()), "123456").text().contains("locked"));

        Page found = operator.get("/admin?q=" + e.user().handle());
        assertEquals("true", found.doc().getElementById("account-locked").text(), found.text());
        Page unlocked = operator.submit(found, "Unlock second factor", Map.of());
        assertTrue(unlocked.text().contains("The second factor is unlocked"), unlocked.text());
        assertEquals("false", unlocked.doc().getElementById("account-locked").text());

        Browser again = new Browser();
        assertEquals("/profile/edit", Mfa.otp(again, Mfa.password(again, e.user()), e.app().next()).path());
        assertTrue(again.get("/profile/security_log").text().contains("Second factor unlocked"));
        assertTrue(operator.get("/profile/security_log").text().contains("(account " + e.user().handle() + ")"));
        Outbox.await(Gemhost.server(), e.user().email(), "gemhost: Second factor unlocked");
    }

    @Test
    void anOperatorResetsMfaWithAReasonAndAssignsAnOwner() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        // the account also has a security key (a stored row is enough: the reset removes every factor kind)
        try (var db = Gemhost.server().db(); var s = db.prepareStatement("INSERT INTO security_key (id, account_id, credential_id, "
                + "user_handle, credential, sign_count, nickname, created_at) SELECT ?, id, ?, 'h', 'c', 0, 'Lost key', 0 FROM account WHERE email = ?")) {
            s.setLong(1, 9_000_000_000L + System.nanoTime() % 1_000_000_000L);
            s.setString(2, "cred-" + System.nanoTime());
            s.setString(3, e.user().email());
            assertEquals(1, s.executeUpdate());
        }
        Browser holder = new Browser();
        assertEquals("/profile/edit", Mfa.otp(holder, Mfa.password(holder, e.user()), e.app().next()).path());
        Page found = operator.get("/admin?q=" + e.user().email());
        Page noReason = operator.submit(found, "Reset MFA", Map.of("Reason (mailed to the account holder)", ""));
        assertTrue(noReason.text().contains("Give a reason"), noReason.text());
        Page reset = operator.submit(found, "Reset MFA", Map.of("Reason (mailed to the account holder)", "lost phone, identity checked"));
        assertTrue(reset.text().contains("Multifactor authentication is off for this account"), reset.text());
        String mail = Outbox.await(Gemhost.server(), e.user().email(), "gemhost: An operator reset your multifactor authentication");
        assertTrue(mail.contains("lost phone, identity checked"), mail);
        assertEquals("/profile/edit", Users.signIn(new Browser(), e.user().email(), e.user().password()).path(), "no second step any more");
        assertEquals("/sign_in", holder.get("/profile/edit").path(), "the reset ends every session of the account, as any credential change does");
        try (var db = Gemhost.server().db(); var s = db.prepareStatement(
                "SELECT COUNT(*) FROM security_key k JOIN account a ON a.id = k.account_id WHERE a.email = ?")) {
            s.setString(1, e.user().email());
            var rows = s.executeQuery();
            assertTrue(rows.next());
            assertEquals(0, rows.getInt(1), "Reset MFA removes the security keys too");
        }

        Users.User pusher = Users.signUp(new Browser());
        String gem = "adm" + Long.toString(System.nanoTime(), 36);
        assertEquals(200, AccountLifecycleIT.push(AccountLifecycleIT.key(pusher), gem).statusCode());
        Page assigned = operator.submit(operator.get("/admin"), "Assign owner", Map.of("Gem", gem, "New owner (email or handle)", e.user().handle()));
        assertTrue(assigned.text().contains(e.user().handle() + " is now an owner of " + gem), assigned.text());
        Page unknown = operator.submit(operator.get("/admin"), "Assign owner", Map.of("Gem", "no-such-gem-here", "New owner (email or handle)", e.user().handle()));
        assertTrue(unknown.text().contains("Cannot assign"), unknown.text());
    }
}
