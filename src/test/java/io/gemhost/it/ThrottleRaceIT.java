package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throttles under attack: a burst of concurrent guesses must not
 * run more real checks than the throttle allows, every password re-check counts on the sign-in
 * throttle, and recovery codes tried against a locked factor through a reset link are throttled.
 * A real check that fails leaves exactly one security event (SIGN_IN_FAILED or SIGN_IN_THROTTLED
 * for a password, OTP_FAILED for a code); an attempt the throttle refuses leaves none, so the
 * events count the checks.
 */
@ExtendWith(Gemhost.class)
class ThrottleRaceIT {

    static final int BURST = 50;
    static final String PAUSED_SIGN_IN = "Too many failed attempts";
    static final String PAUSED_OTP = "Too many wrong codes";

    @Test
    void fiftyConcurrentWrongPasswordsRunAtMostTenChecks() throws Exception {
        Users.User user = Users.signUp(new Browser());
        List<Integer> statuses = wrongPasswords(user, Gemhost.url());
        assertChecks(Gemhost.server(), user.email(), statuses, 401, "SIGN_IN_FAILED", "SIGN_IN_THROTTLED");
    }

    @Test
    void fiftyConcurrentWrongOtpsRunAtMostTenChecks() throws Exception {
        Enrolled e = uiAndApi(Gemhost.url());
        List<Integer> statuses = wrongOtps(e, Gemhost.url());
        assertChecks(Gemhost.server(), e.user().email(), statuses, 401, "OTP_FAILED");
    }

    @Test
    void passwordReChecksShareTheSignInThrottle() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        for (int i = 0; i < 4; i++) {
            Page wrong = browser.submit(browser.get("/profile/password"), "Change password",
                    Map.of("Current password", "not my password " + i, "New password", "a new password " + i));
            assertTrue(wrong.text().contains("The current password is not correct"), wrong.text());
        }
        for (int i = 0; i < 3; i++) {
            Page wrong = browser.submit(browser.get("/profile/delete"), "Delete account", Map.of("Password", "not my password d" + i));
            assertTrue(wrong.text().contains("The current password is not correct"), wrong.text());
        }
        for (int i = 0; i < 3; i++) {
            Page wrong = browser.submit(browser.get("/profile/email"), "Change email",
                    Map.of("New email", Users.fresh().email(), "Password", "not my password e" + i));
            assertTrue(wrong.text().contains("The current password is not correct") || wrong.text().contains(PAUSED_SIGN_IN), wrong.text());
        }
        assertEquals(10, events(Gemhost.server(), user.email(), "SIGN_IN_FAILED", "SIGN_IN_THROTTLED"), "ten real checks");

        Page change = browser.submit(browser.get("/profile/password"), "Change password",
                Map.of("Current password", user.password(), "New password", "a new password x"));
        assertTrue(change.text().contains(PAUSED_SIGN_IN), "the right password waits too: " + change.text());
        Page delete = browser.submit(browser.get("/profile/delete"), "Delete account", Map.of("Password", user.password()));
        assertTrue(delete.text().contains(PAUSED_SIGN_IN), delete.text());
        Page email = browser.submit(browser.get("/profile/email"), "Change email",
                Map.of("New email", Users.fresh().email(), "Password", user.password()));
        assertTrue(email.text().contains(PAUSED_SIGN_IN), email.text());
        assertTrue(Users.signIn(new Browser(), user.email(), user.password()).text().contains(PAUSED_SIGN_IN),
                "the sign-in form shares the pause");
        assertEquals(10, events(Gemhost.server(), user.email(), "SIGN_IN_FAILED", "SIGN_IN_THROTTLED"), "refused attempts ran no check");
        assertEquals("/sign_in", Users.signIn(new Browser(), user.email(), "a new password x").path(), "the password did not change");
    }

    @Test
    void recoveryCodesTriedOnALockedFactorThroughAResetLinkAreThrottled() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        String throttle = "mfa:" + AccountLifecycleIT.accountId(e.user().email());
        AccountLifecycleIT.sql("DELETE FROM throttle WHERE throttle_key = ?", throttle);
        AccountLifecycleIT.sql("INSERT INTO throttle (throttle_key, failures, blocked_until, updated_at) VALUES (?, 100, ?, 0)",
                throttle, Long.MAX_VALUE);

        Browser browser = new Browser();
        browser.submit(browser.get("/password/new"), "Send reset link", Map.of("Email", e.user().email()));
        Page form = browser.get(Users.mailedLink(browser, e.user().email(), AccountLifecycleIT.RESET));
        for (int i = 0; i < 12; i++) {
            form = browser.submit(form, "Reset password", Map.of("New password", "unlocked password 1", "OTP code", guess(e.recoveryCodes().get(0), i)));
            assertEquals("/password/edit", form.path(), form.text());
        }
        assertEquals(10, events(Gemhost.server(), e.user().email(), "OTP_FAILED"), "ten real checks, then the guesses wait");
        Page refused = browser.submit(form, "Reset password", Map.of("New password", "unlocked password 1", "OTP code", e.recoveryCodes().get(0)));
        assertTrue(refused.text().contains(PAUSED_OTP), "even the right code waits: " + refused.text());
        assertEquals("/sign_in", Users.signIn(new Browser(), e.user().email(), "unlocked password 1").path(), "nothing was reset");
    }

    /** A code of the right shape whose lookup part is that of a real code, so each guess costs a real KDF run. */
    static String guess(String real, int i) {
        String alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        char last = real.charAt(real.length() - 1);
        char other = alphabet.charAt((alphabet.indexOf(last) + 1 + i % (alphabet.length() - 1)) % alphabet.length());
        return real.substring(0, real.length() - 1) + other;
    }

    /** A fresh account with MFA at "UI and API", so a Basic sign-in on the API asks for the Otp header. */
    static Enrolled uiAndApi(String base) throws Exception {
        Browser browser = new Browser(base);
        Enrolled e = Mfa.enroll(browser);
        Page level = browser.submit(browser.get("/profile/edit"), "Update",
                Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(9)));
        assertTrue(level.text().contains("Your MFA level is now UI and API"), level.text());
        return e;
    }

    /** BURST Basic sign-ins on POST /api/v1/api_key with wrong passwords, spread over these servers, released together. */
    static List<Integer> wrongPasswords(Users.User user, String... servers) throws Exception {
        return burst(i -> Api.form("POST", servers[i % servers.length] + "/api/v1/api_key",
                Api.headers(Api.basic(user.email(), "wrong password " + i), null), Api.ALL_SCOPES));
    }

    /** BURST Basic sign-ins with the right password and a wrong Otp header, spread over these servers, released together. */
    static List<Integer> wrongOtps(Enrolled e, String... servers) throws Exception {
        String wrong = e.app().wrong();
        return burst(i -> Api.form("POST", servers[i % servers.length] + "/api/v1/api_key",
                Api.headers(Api.basic(e.user().email(), e.user().password()), wrong), Api.ALL_SCOPES));
    }

    interface Request {
        HttpResponse<String> send(int i) throws Exception;
    }

    /** Runs BURST requests on as many threads, all waiting at one latch until every thread is ready; returns the statuses. */
    static List<Integer> burst(Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            CountDownLatch ready = new CountDownLatch(BURST);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                int n = i;
                results.add(pool.submit((Callable<Integer>) () -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> r = request.send(n);
                    assertTrue(r.statusCode() < 500, r.statusCode() + " " + r.body());
                    return r.statusCode();
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS));
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> r : results) {
                statuses.add(r.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every answer is a refusal (wrong or 429), some are 429, and at most ten real checks ran. */
    static void assertChecks(ServerProcess db, String email, List<Integer> statuses, int wrong, String... kinds) throws Exception {
        assertTrue(statuses.stream().allMatch(s -> s == wrong || s == 429), statuses.toString());
        assertTrue(statuses.contains(429), "the burst was paused: " + statuses);
        assertFalse(statuses.stream().filter(s -> s == wrong).count() > 10, "at most ten answered as checked: " + statuses);
        long checks = events(db, email, kinds);
        assertTrue(checks <= 10, checks + " real checks ran for " + BURST + " concurrent guesses; at most 10 may");
    }

    /** How many security events of these kinds the account with this email has. */
    static long events(ServerProcess server, String email, String... kinds) throws Exception {
        String in = String.join(",", java.util.Collections.nCopies(kinds.length, "?"));
        try (Connection db = server.db(); var s = db.prepareStatement("SELECT COUNT(*) FROM security_event WHERE account_id = "
                + "(SELECT id FROM account WHERE email = ?) AND kind IN (" + in + ")")) {
            s.setString(1, email);
            for (int i = 0; i < kinds.length; i++) {
                s.setString(i + 2, kinds[i]);
            }
            var r = s.executeQuery();
            r.next();
            return r.getLong(1);
        }
    }
}
