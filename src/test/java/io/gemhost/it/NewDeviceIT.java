package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Gemhost.BehindProxy;
import io.gemhost.it.Users.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The new-device check of browser sign-in (docs/SECURITY.md, new devices), on a server behind a
 * trusted proxy so each browser can come from an address of its own (X-Forwarded-For): a sign-in
 * with a code, a recovery code or no second step from an address the account has not used is held
 * until the mailed link is followed from that same address; the remember-this-device cookie
 * vouches for a browser for 30 days; the mail goes at most once per account and address per
 * 15 minutes. Security keys and passkeys are NewDeviceBrowserIT's.
 */
@ExtendWith(BehindProxy.class)
class NewDeviceIT {

    static final String SUBJECT = "Unrecognized sign-in to your gemhost account";
    static final String COOKIE = "gemhost_device";

    @Test
    void aCodeFromASecondAddressIsHeldUntilTheLinkIsFollowedFromThatAddress() throws Exception {
        Browser home = BehindProxy.browser("198.51.100.10");
        Mfa.Enrolled e = Mfa.enroll(home);
        User user = e.user();
        Users.signOut(home);

        // password and a right code, from an address this account has not used, in a browser it has not used
        Browser away = BehindProxy.browser("203.0.113.10");
        Page held = Mfa.otp(away, Mfa.password(away, user), e.app().next());
        assertEquals("/sign_in/device", held.path(), held.text());
        assertTrue(held.text().contains("Check your email"), held.text());
        assertNull(held.doc().getElementById("current-handle"), "not signed in: " + held.text());
        assertEquals("/sign_in", away.get("/profile/edit").path(), "a held browser reaches no account page");

        String mail = Outbox.await(BehindProxy.server().dataDir, user.email(), SUBJECT);
        assertTrue(mail.contains("203.0.113.10"), "the mail names the address: " + mail);
        assertTrue(mail.contains("Java-http-client"), "the mail names the browser: " + mail);
        assertTrue(mail.matches("(?s).*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC.*"), "the mail says when: " + mail);
        String link = Users.mailedLink(away, user.email(), SUBJECT);
        assertTrue(link.startsWith("/sign_in/device?token="), link);

        // the link from another address (even the account's usual one) confirms nothing
        Browser elsewhere = BehindProxy.browser("198.51.100.10");
        Page refused = elsewhere.get(link);
        assertEquals(200, refused.status());
        assertTrue(refused.text().contains("works only from the address"), refused.text());
        assertTrue(refused.doc().select("input[value=Confirm sign-in]").isEmpty(), refused.text());
        assertEquals("/sign_in", away.get("/profile/edit").path(), "still held");

        // from the right address, in the held browser: signed in
        Page signedIn = away.submit(away.get(link), "Confirm sign-in", Map.of());
        assertEquals("/profile/edit", signedIn.path(), signedIn.text());
        assertEquals(user.handle(), signedIn.doc().getElementById("current-handle").text());
        assertTrue(away.get(link).text().contains("This link is invalid, used or expired"), "the link works once");

        String log = away.get("/profile/security_log").text();
        assertTrue(log.contains("Sign-in from a new device held"), log);
        assertTrue(log.contains("Mailed sign-in link refused: opened from another address"), log);
        assertTrue(log.contains("New device confirmed with the mailed link"), log);

        // the address is known now: a fresh browser there signs in at once
        Browser again = BehindProxy.browser("203.0.113.10");
        Page in = Mfa.otp(again, Mfa.password(again, user), e.app().next());
        assertEquals("/profile/edit", in.path(), in.text());
    }

    @Test
    void oneMailPerAddressIn15MinutesAndTheLinkConfirmsTheAddressForEveryHeldBrowser() throws Exception {
        Browser home = BehindProxy.browser("198.51.100.20");
        User user = Users.signUp(home);
        Users.signOut(home);
        long account = accountId(user.email());

        // two sign-ins from one new address (no second step: held too), one mail
        Browser first = BehindProxy.browser("203.0.113.20");
        Browser second = BehindProxy.browser("203.0.113.20");
        assertEquals("/sign_in/device", Users.signIn(first, user.email(), user.password()).path());
        assertEquals("/sign_in/device", Users.signIn(second, user.email(), user.password()).path());
        // a third from another address is mailed; by then a second mail for the first address would be there too
        assertEquals("/sign_in/device", Users.signIn(BehindProxy.browser("203.0.113.21"), user.email(), user.password()).path());
        awaitMails(user.email(), "203.0.113.21", 1);
        assertEquals(1, mails(user.email(), "203.0.113.20").size(), "one mail for two held sign-ins within 15 minutes");
        List<String> details = heldDetails(account, "203.0.113.20");
        assertEquals(2, details.size(), details.toString());
        assertEquals(1, details.stream().filter(d -> d.contains("link mailed")).count(), details.toString());

        // a fresh browser at that address follows the link: the address is confirmed, and that browser signs in afresh
        String link = link(mails(user.email(), "203.0.113.20").get(0));
        Browser fresh = BehindProxy.browser("203.0.113.20");
        Page confirmed = fresh.submit(fresh.get(link), "Confirm sign-in", Map.of());
        assertTrue(confirmed.text().contains("This device is now recognized"), confirmed.text());
        assertNull(confirmed.doc().getElementById("current-handle"), "the link alone signs no one in");
        assertEquals("/profile/edit", Users.signIn(fresh, user.email(), user.password()).path());
        // both held browsers continue
        for (Browser held : List.of(first, second)) {
            Page in = held.submit(held.get("/sign_in/device"), "Continue", Map.of());
            assertEquals("/profile/edit", in.path(), in.text());
        }

        // 15 minutes later another held sign-in from the other address is mailed again
        try (Connection db = BehindProxy.server().db();
             var s = db.prepareStatement("UPDATE new_device_mail SET sent_at = sent_at - ? WHERE account_id = ? AND ip = ?")) {
            s.setLong(1, Duration.ofMinutes(15).toMillis());
            s.setLong(2, account);
            s.setString(3, "203.0.113.21");
            assertEquals(1, s.executeUpdate());
        }
        assertEquals("/sign_in/device", Users.signIn(BehindProxy.browser("203.0.113.21"), user.email(), user.password()).path());
        awaitMails(user.email(), "203.0.113.21", 2);
    }

    @Test
    void concurrentHeldSignInsFromOneAddressSendOneMail() throws Exception {
        Browser home = BehindProxy.browser("198.51.100.25");
        User user = Users.signUp(home);
        long account = accountId(user.email());
        List<java.util.concurrent.Callable<String>> signIns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            signIns.add(() -> Users.signIn(BehindProxy.browser("203.0.113.25"), user.email(), user.password()).path());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (var done : pool.invokeAll(signIns)) {
                assertEquals("/sign_in/device", done.get());
            }
        } finally {
            pool.shutdown();
        }
        List<String> details = heldDetails(account, "203.0.113.25");
        assertEquals(4, details.size(), details.toString());
        assertEquals(1, details.stream().filter(d -> d.contains("link mailed")).count(), details.toString());
        awaitMails(user.email(), "203.0.113.25", 1);
    }

    @Test
    void theRememberCookieVouchesForABrowserFor30Days() throws Exception {
        Browser laptop = BehindProxy.browser("198.51.100.30");
        User user = Users.signUp(laptop);
        long account = accountId(user.email());
        String set = laptop.setCookieHeaders().stream().filter(c -> c.startsWith(COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + COOKIE + " cookie: " + laptop.setCookieHeaders()));
        for (String attribute : List.of("HttpOnly", "SameSite=Lax", "Secure", "Max-Age=2592000")) {
            assertTrue(Browser.hasAttribute(set, attribute), attribute + " in " + set);
        }
        Users.signOut(laptop);

        // the laptop on another network: its cookie says it is known
        laptop.from("203.0.113.30");
        assertEquals("/profile/edit", Users.signIn(laptop, user.email(), user.password()).path());

        // a cookie made 29 days ago still counts; one of 31 days does not; nor one altered or another account's
        Browser recent = BehindProxy.browser("203.0.113.31");
        recent.setCookie(COOKIE, remember(account, Instant.now().minus(Duration.ofDays(29))));
        assertEquals("/profile/edit", Users.signIn(recent, user.email(), user.password()).path());
        Browser stale = BehindProxy.browser("203.0.113.32");
        stale.setCookie(COOKIE, remember(account, Instant.now().minus(Duration.ofDays(31))));
        assertEquals("/sign_in/device", Users.signIn(stale, user.email(), user.password()).path());
        Browser altered = BehindProxy.browser("203.0.113.33");
        String good = remember(account, Instant.now());
        altered.setCookie(COOKIE, good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA"));
        assertEquals("/sign_in/device", Users.signIn(altered, user.email(), user.password()).path());
        Browser others = BehindProxy.browser("203.0.113.34");
        others.setCookie(COOKIE, remember(account + 1, Instant.now()));
        assertEquals("/sign_in/device", Users.signIn(others, user.email(), user.password()).path());
    }

    /**
     * A remember-this-device cookie as the server signs one (docs/SECURITY.md): ACCOUNT.SECONDS.MAC,
     * MAC = base64url(HMAC-SHA256(K, "ACCOUNT.SECONDS")), K = HMAC-SHA256(secret key, "gemhost remember-device cookie"),
     * made here with the server's development secret key and a time of the test's choosing.
     */
    static String remember(long account, Instant issued) throws Exception {
        byte[] secret = Base64.getDecoder().decode(Files.readString(BehindProxy.server().dataDir.resolve("secret.key")).trim());
        byte[] key = hmac(secret, "gemhost remember-device cookie");
        String payload = account + "." + issued.getEpochSecond();
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, payload));
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static long accountId(String email) throws Exception {
        try (Connection db = BehindProxy.server().db(); var s = db.prepareStatement("SELECT id FROM account WHERE email = ?")) {
            s.setString(1, email);
            var r = s.executeQuery();
            assertTrue(r.next());
            return r.getLong(1);
        }
    }

    static List<String> heldDetails(long account, String ip) throws Exception {
        List<String> details = new ArrayList<>();
        try (Connection db = BehindProxy.server().db();
             var s = db.prepareStatement("SELECT detail FROM security_event WHERE account_id = ? AND kind = 'NEW_DEVICE_HELD' AND ip = ?")) {
            s.setLong(1, account);
            s.setString(2, ip);
            var r = s.executeQuery();
            while (r.next()) {
                details.add(r.getString(1));
            }
        }
        return details;
    }

    /** The unrecognized-sign-in mails to this address about a sign-in from this client address. */
    static List<String> mails(String email, String ip) throws Exception {
        return Outbox.mailsTo(BehindProxy.server(), email).stream()
                .filter(m -> m.contains("Subject: " + SUBJECT) && m.contains(ip)).toList();
    }

    static void awaitMails(String email, String ip, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (mails(email, ip).size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not " + count + " mails about " + ip + " to " + email + ": " + mails(email, ip));
            }
            Thread.sleep(200); // delivery is asynchronous
        }
        assertEquals(count, mails(email, ip).size());
    }

    static String link(String mail) {
        var m = java.util.regex.Pattern.compile("(/sign_in/device\\?token=[A-Za-z0-9_-]+)").matcher(mail);
        assertTrue(m.find(), mail);
        assertFalse(m.group(1).isEmpty());
        return m.group(1);
    }
}
