package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.it.Browser.Page;
import io.gemhost.it.Mfa.Enrolled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After a run through every flow that handles a secret, no mail, no line of
 * the server log and no page other than the one that must show it holds a password, TOTP key,
 * recovery code, API key or reset token in clear. The reset token is in its one mail only.
 */
@ExtendWith(Gemhost.class)
class SecretsIT {

    @Test
    void noSecretLeaksIntoMailsTheLogOrOtherPages() throws Exception {
        List<String> secrets = new ArrayList<>();
        Browser browser = new Browser();
        Enrolled e = Mfa.enroll(browser);
        secrets.add(e.user().password());
        secrets.add(e.app().base32);
        secrets.addAll(e.recoveryCodes());
        List<String> pages = new ArrayList<>();

        pages.add(browser.submit(browser.get("/profile/edit"), "Update", Map.of("MFA level", "UI and API", "OTP code", e.recoveryCodes().get(0))).body());
        String apiKey = Api.form("POST", "/api/v1/api_key", Api.headers(Api.basic(e.user().email(), e.user().password()), e.app().next()), Api.ALL_SCOPES).body();
        secrets.add(apiKey);
        pages.add(browser.get("/profile/edit").body());
        pages.add(browser.get("/profile/security_log").body());
        Page regenerated = browser.submit(browser.get("/multifactor_auth/regenerate"), "Regenerate", Map.of("OTP code", e.recoveryCodes().get(1)));
        List<String> fresh = Mfa.readCodes(regenerated);
        assertEquals(10, fresh.size(), regenerated.text());
        secrets.addAll(fresh);

        Browser reset = new Browser();
        reset.submit(reset.get("/password/new"), "Send reset link", Map.of("Email", e.user().email()));
        String link = Users.mailedLink(reset, e.user().email(), "gemhost: Reset your password");
        String token = link.substring(link.indexOf("token=") + 6);
        String newPassword = "the password after the reset";
        Page done = reset.submit(reset.get(link), "Reset password", Map.of("New password", newPassword, "OTP code", fresh.get(0)));
        assertEquals("/profile/edit", done.path(), done.text());
        pages.add(done.body());
        pages.add(reset.get("/profile/security_log").body());
        secrets.add(newPassword);

        ServerProcess server = Gemhost.server();
        List<String> leaks = new ArrayList<>();
        String log = server.logText();
        int mails = 0;
        try (Stream<Path> files = Files.list(server.dataDir.resolve("outbox"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                String mail = Files.readString(file);
                mails++;
                for (String secret : secrets) {
                    if (contains(mail, secret)) {
                        leaks.add("mail " + file.getFileName() + " holds " + secret.substring(0, 4) + "...");
                    }
                }
                if (mail.contains(token) && !mail.contains("Subject: gemhost: Reset your password")) {
                    leaks.add("the reset token is in another mail: " + file.getFileName());
                }
            }
        }
        for (String secret : secrets) {
            if (contains(log, secret)) {
                leaks.add("the server log holds " + secret.substring(0, 4) + "...");
            }
        }
        if (log.contains(token)) {
            leaks.add("the server log holds the reset token");
        }
        for (String page : pages) {
            for (String secret : secrets) {
                if (!fresh.contains(secret) && contains(page, secret)) {
                    leaks.add("a page holds " + secret.substring(0, 4) + "...");
                }
            }
        }
        System.out.println("SecretsIT: checked " + mails + " mails, " + log.length() + " log characters and " + pages.size()
                + " pages for " + secrets.size() + " secrets");
        assertTrue(mails > 0 && log.length() > 0);
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    /** The secret as given or in any of the forms it is typed in (grouped, ungrouped). */
    private static boolean contains(String text, String secret) {
        String bare = secret.replace("-", "").replace(" ", "");
        return text.contains(secret) || (bare.length() >= 12 && text.replace("-", "").replace(" ", "").contains(bare));
    }
}
