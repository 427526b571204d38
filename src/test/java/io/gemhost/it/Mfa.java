package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gemhost.it.Browser.Page;
import java.util.List;
import java.util.Map;

/** Turning MFA on through the pages, as a person does. */
public final class Mfa {

    public record Enrolled(Users.User user, Authenticator app, List<String> recoveryCodes) {
    }

    private Mfa() {
    }

    /**
     * The authenticator for the key on this page, bound to the account the page names
     * ({@code #totp-account}, "issuer:email") on the page's server, so it never runs out of codes.
     */
    public static Authenticator readKey(Page totpNew) {
        String key = totpNew.doc().getElementById("totp-key").text();
        var account = totpNew.doc().getElementById("totp-account");
        if (account == null) {
            return new Authenticator(key);
        }
        java.net.URI url = java.net.URI.create(totpNew.url());
        String label = account.text();
        return Authenticator.of(key, url.getScheme() + "://" + url.getAuthority(), label.substring(label.indexOf(':') + 1));
    }

    public static List<String> readCodes(Page recovery) {
        return recovery.doc().select("#recovery-codes code").eachText();
    }

    /** Signs up a new user in this browser and enrolls an authenticator; the browser stays signed in. */
    public static Enrolled enroll(Browser browser) throws Exception {
        Users.User user = Users.signUp(browser);
        Page page = browser.get("/totp/new");
        Authenticator app = readKey(page);
        Page recovery = browser.submit(page, "Enable", Map.of("OTP code", app.next()));
        assertEquals("/multifactor_auth/recovery", recovery.path(), recovery.text());
        List<String> codes = readCodes(recovery);
        assertEquals(10, codes.size(), recovery.text());
        return new Enrolled(user, app, codes);
    }

    /** Password step; returns the OTP page. */
    public static Page password(Browser browser, Users.User user) throws Exception {
        Page otp = Users.signIn(browser, user.email(), user.password());
        assertEquals("/sign_in/otp", otp.path(), otp.text());
        return otp;
    }

    public static Page otp(Browser browser, Page otpPage, String code) throws Exception {
        return browser.submit(otpPage, "Verify", Map.of("OTP code", code));
    }
}
