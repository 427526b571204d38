package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import io.gemhost.recovery.RecoveryCodeFormat;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Gemhost.class)
class MfaIT {

    @Test
    void enrollingShowsKeyAndQrAndTurnsMfaOnAtUiOnly() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        Page page = browser.get("/totp/new");
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.doc().selectFirst("img[alt=QR code]").attr("src").startsWith("data:image/png;base64,"));
        assertEquals("gemhost.test:" + user.email(), page.doc().getElementById("totp-account").text());
        String key = page.doc().getElementById("totp-key").text();
        assertTrue(key.matches("([A-Z2-7]{4} )+[A-Z2-7]{1,4}"), key);
        assertEquals(32, key.replace(" ", "").length(), "160-bit key");
        assertTrue(page.text().contains("time based"));
        assertEquals(key, browser.get("/totp/new").doc().getElementById("totp-key").text(), "reload keeps the pending key");

        Authenticator app = Mfa.readKey(page);
        Page recovery = browser.submit(page, "Enable", Map.of("OTP code", app.next()));
        assertEquals("/multifactor_auth/recovery", recovery.path());
        assertEquals("no-store", recovery.headers().firstValue("Cache-Control").orElse(""));
        List<String> codes = Mfa.readCodes(recovery);
        assertEquals(10, codes.size());
        codes.forEach(c -> assertTrue(RecoveryCodeFormat.normalize(c).isPresent(), c));
        assertEquals(10, codes.stream().distinct().count());
        assertTrue(recovery.doc().selectFirst("#download").attr("href").startsWith("data:text/plain"));

        Page again = browser.get("/multifactor_auth/recovery");
        assertTrue(again.doc().select("#recovery-codes code").isEmpty());
        assertTrue(again.text().contains("shown once"), again.text());

        Page profile = browser.get("/profile/edit");
        assertTrue(profile.text().contains("Level: UI only"), profile.text());
        assertTrue(profile.text().contains("Unused recovery codes: 10"), profile.text());
        assertEquals(1, profile.doc().select("label:containsOwn(OTP code)").size(), "exactly one OTP code field");
    }

    @Test
    void aWrongCodeCanBeRetriedAndAnExpiredKeyMustStartAgain() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        Page page = browser.get("/totp/new");
        Authenticator app = Mfa.readKey(page);
        Page wrong = browser.submit(page, "Enable", Map.of("OTP code", app.wrong()));
        assertTrue(wrong.text().contains("Your OTP code is incorrect"), wrong.text());
        Page junk = browser.submit(wrong, "Enable", Map.of("OTP code", "١٢٣٤٥٦"));
        assertTrue(junk.text().contains("Your OTP code is incorrect"), junk.text());

        try (Connection db = Gemhost.server().db(); var s = db.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE pending_totp SET created_at = created_at - 1860000 WHERE account_id = "
                    + "(SELECT id FROM account WHERE email = '" + user.email() + "')"));
        }
        Page expired = browser.submit(junk, "Enable", Map.of("OTP code", app.next()));
        assertTrue(expired.text().contains("The QR code and key have expired"), expired.text());
        Authenticator fresh = Mfa.readKey(expired);
        assertNotEquals(app.base32, fresh.base32, "a new key after expiry");
        Page ok = browser.submit(expired, "Enable", Map.of("OTP code", fresh.next()));
        assertEquals("/multifactor_auth/recovery", ok.path(), ok.text());
    }

    @Test
    void signInAsksForTheCodeAndTheEnrollmentCodeCannotBeReused() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        Browser browser = new Browser();
        Page otp = Mfa.password(browser, e.user());
        assertEquals("/sign_in/otp", browser.get("/profile/edit").path(), "half signed in reaches only the OTP page");
        assertEquals("/sign_in/otp", browser.get("/totp/new").path());
        Page replay = Mfa.otp(browser, otp, e.app().used());
        assertTrue(replay.text().contains("Your OTP code is incorrect"), replay.text());
        String before = browser.sessionId().orElseThrow();
        Page in = Mfa.otp(browser, replay, e.app().next());
        assertEquals("/profile/edit", in.path(), in.text());
        assertNotEquals(before, browser.sessionId().orElseThrow());
        assertTrue(in.text().contains(e.user().handle()));
    }

    @Test
    void aRecoveryCodeSignsInOnceAndTheNextPageGivesAdvice() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        Browser browser = new Browser();
        String code = e.recoveryCodes().get(3);
        Page in = Mfa.otp(browser, Mfa.password(browser, e.user()), code.toLowerCase().replace("-", " "));
        assertEquals("/profile/edit", in.path(), in.text());
        assertTrue(in.text().contains("recovery code"), in.text());
        assertTrue(in.text().contains("9 recovery code(s) remain"), in.text());
        assertTrue(in.doc().select("#notice a").attr("href").endsWith("/totp/new"));
        assertTrue(in.text().contains("Unused recovery codes: 9"));
        Users.signOut(browser);

        Browser again = new Browser();
        Page refused = Mfa.otp(again, Mfa.password(again, e.user()), code);
        assertTrue(refused.text().contains("Your OTP code is incorrect"), refused.text());
        assertEquals("/sign_in/otp", refused.path());
    }

    @Test
    void twentyConcurrentSignInsWithOneRecoveryCodeSucceedOnce() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        String code = e.recoveryCodes().get(0);
        assertEquals(1, race(e, code));
    }

    @Test
    void twentyConcurrentSignInsWithOneTotpCodeSucceedOnce() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        assertEquals(1, race(e, e.app().next()));
    }

    private static int race(Enrolled e, String code) throws Exception {
        return race(e, code, Gemhost.url());
    }

    /** Twenty half-signed-in browsers, spread over these servers, send the same code at once; returns how many got in. */
    static int race(Enrolled e, String code, String... servers) throws Exception {
        List<Browser> browsers = new ArrayList<>();
        List<Page> pages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Browser b = new Browser(servers[i % servers.length]);
            browsers.add(b);
            pages.add(Mfa.password(b, e.user()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Page>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Browser b = browsers.get(i);
            Page p = pages.get(i);
            results.add(pool.submit((Callable<Page>) () -> {
                start.await();
                return Mfa.otp(b, p, code);
            }));
        }
        start.countDown();
        int in = 0;
        for (Future<Page> r : results) {
            Page page = r.get();
            assertTrue(page.status() < 500, page.text());
            if (page.path().equals("/profile/edit")) {
                in++;
            }
        }
        pool.shutdown();
        return in;
    }

    @Test
    void tenWrongCodesFromTwoSessionsPauseTheSecondFactor() throws Exception {
        Enrolled e = Mfa.enroll(new Browser());
        Browser a = new Browser();
        Browser b = new Browser();
        Page pa = Mfa.password(a, e.user());
        Page pb = Mfa.password(b, e.user());
        for (int i = 0; i < 5; i++) {
            pa = Mfa.otp(a, pa, e.app().wrong());
            pb = Mfa.otp(b, pb, "not-a-code-" + i);
        }
        assertTrue(pb.text().contains("Too many wrong codes. Wait 1 minute(s)"), pb.text());
        Page right = Mfa.otp(a, pa, e.app().next());
        assertEquals("/sign_in/otp", right.path());
        assertTrue(right.text().contains("Too many wrong codes"), right.text());
    }

    @Test
    void tenWrongCodesWhileRegisteringPauseAndTellTheHolderAsAtSignIn() throws Exception {
        Browser browser = new Browser();
        Users.User user = Users.signUp(browser);
        Page page = browser.get("/totp/new");
        Authenticator app = Mfa.readKey(page);
        for (int i = 0; i < 10; i++) {
            page = browser.submit(page, "Enable", Map.of("OTP code", app.wrong()));
        }
        assertTrue(page.text().contains("Too many wrong codes"), page.text());
        assertTrue(browser.get("/profile/security_log").text().contains("Second factor paused after repeated failures"),
                "the registration's failures take the same path as every other factor's");
        Outbox.await(Gemhost.server(), user.email(), "gemhost: Second factor paused after repeated failures");
    }

    @Test
    void replacingTheKeyKeepsTheOldOneUntilTheNewOneIsConfirmed() throws Exception {
        Browser browser = new Browser();
        Enrolled e = Mfa.enroll(browser);
        Page page = browser.get("/totp/new");
        assertTrue(page.text().contains("replaces the authenticator"), page.text());
        Authenticator newApp = Mfa.readKey(page);
        assertNotEquals(e.app().base32, newApp.base32);

        Browser other = new Browser();
        Page stillOld = Mfa.otp(other, Mfa.password(other, e.user()), e.app().next());
        assertEquals("/profile/edit", stillOld.path(), "the old key works while the new one is pending");

        Page noCurrent = browser.submit(page, "Enable", Map.of("OTP code", newApp.next()));
        assertTrue(noCurrent.text().contains("Enter the code"), "replacing takes a current code: " + noCurrent.text());
        Page done = browser.submit(browser.get("/totp/new"), "Enable", Map.of("Current OTP code or recovery code", e.recoveryCodes().get(0), "OTP code", newApp.next()));
        assertEquals("/profile/edit", done.path(), done.text());
        assertTrue(done.text().contains("Your new authenticator is registered"), done.text());
        assertTrue(done.text().contains("Level: UI only"));
        assertTrue(done.text().contains("Unused recovery codes: 9"), "codes survive a device replacement (one was the current factor)");

        Browser third = new Browser();
        Page otp = Mfa.password(third, e.user());
        Page oldRefused = Mfa.otp(third, otp, e.app().next());
        assertTrue(oldRefused.text().contains("Your OTP code is incorrect"), oldRefused.text());
        assertEquals("/profile/edit", Mfa.otp(third, oldRefused, newApp.next()).path());
    }

    @Test
    void disablingNeedsACodeAndRemovesKeyAndCodes() throws Exception {
        Browser browser = new Browser();
        Enrolled e = Mfa.enroll(browser);
        Page profile = browser.get("/profile/edit");
        Page wrong = browser.submit(profile, "Update", Map.of("MFA level", "Disabled", "OTP code", e.app().wrong()));
        assertTrue(wrong.text().contains("Your OTP code is incorrect"), wrong.text());
        assertTrue(browser.get("/profile/edit").text().contains("Level: UI only"));

        Page off = browser.submit(browser.get("/profile/edit"), "Update", Map.of("MFA level", "Disabled", "OTP code", e.recoveryCodes().get(5)));
        assertTrue(off.text().contains("Multifactor authentication is now off"), off.text());
        assertTrue(off.text().contains("authenticator app"));
        assertTrue(off.text().contains("Register a new device"));
        try (Connection db = Gemhost.server().db(); var s = db.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM totp_key t WHERE t.account_id = a.id), "
                    + "(SELECT COUNT(*) FROM recovery_code r WHERE r.account_id = a.id), a.mfa_level FROM account a WHERE a.email = '" + e.user().email() + "'");
            rs.next();
            assertEquals(0, rs.getInt(1));
            assertEquals(0, rs.getInt(2));
            assertEquals("disabled", rs.getString(3));
        }
        Browser later = new Browser();
        assertEquals("/profile/edit", Users.signIn(later, e.user().email(), e.user().password()).path());
    }

    @Test
    void theDatabaseHoldsNoPlainKeyOrCode() throws Exception {
        Browser browser = new Browser();
        Enrolled e = Mfa.enroll(browser);
        browser.get("/totp/new"); // a pending replacement key too
        byte[] raw = io.gemhost.totp.Base32.decode(e.app().base32);
        List<String> forbidden = new ArrayList<>(List.of(e.app().base32, e.app().base32.toLowerCase(), HexFormat.of().formatHex(raw),
                java.util.Base64.getEncoder().encodeToString(raw)));
        for (String c : e.recoveryCodes()) {
            String n = RecoveryCodeFormat.normalize(c).orElseThrow();
            forbidden.add(n);
            forbidden.add(RecoveryCodeFormat.secret(n));
            forbidden.add(c);
        }
        try (Connection db = Gemhost.server().db(); var s = db.createStatement()) {
            StringBuilder dump = new StringBuilder();
            for (String table : List.of("totp_key", "recovery_code", "pending_totp", "security_event", "account")) {
                ResultSet rs = s.executeQuery("SELECT * FROM " + table);
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        dump.append(rs.getString(i)).append('|');
                    }
                }
            }
            for (String secret : forbidden) {
                assertFalse(dump.toString().contains(secret), "found in the database: " + secret);
            }
        }
        assertFalse(Gemhost.server().logText().contains(e.app().base32), "the key reached the server log");
    }

    @Test
    void regeneratingRecoveryCodesNeedsACodeAndRetiresTheOldSet() throws Exception {
        Browser browser = new Browser();
        Enrolled e = Mfa.enroll(browser);
        Page page = browser.get("/multifactor_auth/regenerate");
        Page wrong = browser.submit(page, "Regenerate", Map.of("OTP code", e.app().wrong()));
        assertTrue(wrong.text().contains("Your OTP code is incorrect"), wrong.text());
        Page fresh = browser.submit(wrong, "Regenerate", Map.of("OTP code", e.app().next()));
        assertEquals("/multifactor_auth/recovery", fresh.path(), fresh.text());
        List<String> codes = Mfa.readCodes(fresh);
        assertEquals(10, codes.size());
        assertTrue(codes.stream().noneMatch(e.recoveryCodes()::contains));

        Browser other = new Browser();
        Page old = Mfa.otp(other, Mfa.password(other, e.user()), e.recoveryCodes().get(0));
        assertTrue(old.text().contains("Your OTP code is incorrect"), "an old code no longer works");
        assertEquals("/profile/edit", Mfa.otp(other, old, codes.get(0)).path(), "a new one does");
    }

    @Test
    void theSecurityLogShowsTheAccountsOwnEventsNewestFirst() throws Exception {
        Browser browser = new Browser();
        Enrolled e = Mfa.enroll(browser);
        Users.signOut(browser);
        Browser other = new Browser();
        Page otp = Mfa.password(other, e.user());
        otp = Mfa.otp(other, otp, e.app().wrong());
        Mfa.otp(other, otp, e.recoveryCodes().get(0));
        Page log = other.get("/profile/security_log");
        assertEquals(200, log.status());
        List<String> rows = log.doc().select("#security-log tbody tr").eachText();
        assertTrue(rows.get(0).contains("Signed in (with a recovery code)"), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("Recovery code used")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("Wrong one-time code")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("Multifactor authentication enabled")), rows.toString());
        assertTrue(rows.get(rows.size() - 1).contains("Account created"), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.contains("127.0.0.1")), rows.toString());
        Users.User stranger = Users.signUp(new Browser());
        assertTrue(stranger.email().length() > 0);
        assertEquals(200, other.get("/profile/security_log?page=abc").status());
    }
}
