package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account's set of factors under concurrent changes: whatever the interleaving, an account
 * with MFA on keeps at least one real factor (an authenticator app or a security key), so it is
 * never left with recovery codes alone. Two deletes of an account's last two keys, each with its
 * own recovery code, are released together, round after round on fresh accounts. The window
 * is a few statements wide: on PostgreSQL (-Ppostgres) unlocked code lost the last factor in
 * about one round of eight; H2's faster statements rarely open it.
 */
@ExtendWith(Gemhost.class)
class FactorRaceIT {

    static final int ROUNDS = 40;

    @Test
    void twoConcurrentDeletesOfTheLastTwoKeysTurnMfaOff() throws Exception {
        List<String> broken = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Browser browser = new Browser();
                Enrolled e = Mfa.enroll(browser);
                long account = AccountLifecycleIT.accountId(e.user().email());
                keysOnly(account, round);

                // two views of the security devices page, each at the step that deletes another of the two keys
                Element deleteFirst = confirmButton(browser.submit(deleteButton(browser.get("/profile/security_devices"), "Key A"), Map.of()));
                Element deleteSecond = confirmButton(browser.submit(deleteButton(browser.get("/profile/security_devices"), "Key B"), Map.of()));
                CountDownLatch go = new CountDownLatch(1);
                Future<Page> a = pool.submit(() -> {
                    go.await();
                    return browser.submit(deleteFirst, Map.of("Current second factor: app code, recovery code or security device", e.recoveryCodes().get(0)));
                });
                Future<Page> b = pool.submit(() -> {
                    go.await();
                    return browser.submit(deleteSecond, Map.of("Current second factor: app code, recovery code or security device", e.recoveryCodes().get(1)));
                });
                go.countDown();
                for (Future<Page> answer : List.of(a, b)) {
                    Page page = answer.get(120, TimeUnit.SECONDS);
                    assertTrue(page.status() < 500, page.status() + " " + page.text());
                }
                Factors after = factors(account);
                if (!after.level().equals("disabled") && after.keys() + after.totp() == 0) {
                    broken.add("round " + round + ": " + after);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), broken, "MFA left on with no key and no authenticator (recovery codes only)");
    }

    /** The account's authenticator replaced by two security keys, "Key A" and "Key B" (stored rows; no ceremony runs on a delete). */
    static void keysOnly(long account, int round) throws Exception {
        AccountLifecycleIT.sql("DELETE FROM totp_key WHERE account_id = ?", account);
        for (String nickname : List.of("Key A", "Key B")) {
            long id = -(account * 10 + (nickname.endsWith("A") ? 1 : 2)); // below the sequence's range
            AccountLifecycleIT.sql("INSERT INTO security_key (id, account_id, credential_id, user_handle, credential, sign_count, nickname, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, 0, ?, ?)", id, account, b64("race-" + account + "-" + nickname.charAt(4)), b64("race-handle-" + account + "-".repeat(20)).substring(0, 43),
                    "not-a-credential", nickname, System.currentTimeMillis() + (nickname.endsWith("A") ? 0 : 1));
        }
    }

    static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Element deleteButton(Page page, String nickname) {
        return page.doc().select("tr.security-device").stream()
                .filter(row -> row.selectFirst("td.nickname").text().equals(nickname))
                .map(row -> row.selectFirst("input[type=submit][value=Delete]"))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + nickname + ": " + page.text()));
    }

    /** The Delete of the step that asks the current factor. */
    static Element confirmButton(Page page) {
        Element button = page.doc().selectFirst("form[id=confirm] input[type=submit][value=Delete]");
        if (button == null) {
            throw new AssertionError("no step that asks the current factor: " + page.text());
        }
        return button;
    }

    record Factors(String level, long keys, long totp) {
    }

    /** The account's stored level and how many security keys and authenticators it has. */
    static Factors factors(long account) throws Exception {
        try (Connection db = Gemhost.server().db(); var s = db.prepareStatement("SELECT a.mfa_level, "
                + "(SELECT COUNT(*) FROM security_key k WHERE k.account_id = a.id), "
                + "(SELECT COUNT(*) FROM totp_key t WHERE t.account_id = a.id) FROM account a WHERE a.id = ?")) {
            s.setLong(1, account);
            var r = s.executeQuery();
            assertTrue(r.next());
            return new Factors(r.getString(1), r.getLong(2), r.getLong(3));
        }
    }
}
