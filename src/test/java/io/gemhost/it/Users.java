package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh accounts for each test, so tests never share data. */
public final class Users {

    private static final AtomicInteger SEQ = new AtomicInteger();

    public record User(String email, String handle, String password) {
    }

    private Users() {
    }

    public static User fresh() {
        String id = Long.toString(System.nanoTime(), 36) + SEQ.incrementAndGet();
        return new User("u" + id + "@example.org", "u" + id, "correct horse " + id);
    }

    /** Signs up through the form and confirms the email with the mailed link; the browser is then signed in. */
    public static User signUp(Browser browser) throws Exception {
        User user = signUpUnconfirmed(browser);
        Browser.Page confirmed = followMailedLink(browser, user.email(), "gemhost: Confirm your email address", "Confirm email address", Map.of());
        assertEquals("/", confirmed.path(), confirmed.text());
        return user;
    }

    /** Signs up through the form and leaves the mailed confirmation link alone. */
    public static User signUpUnconfirmed(Browser browser) throws Exception {
        User user = fresh();
        Browser.Page page = browser.submit(browser.get("/sign_up"), "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", user.password()));
        assertEquals("/profile/edit", page.path(), page.text());
        return user;
    }

    /** The link of the newest mail with this subject to this address, as a path of the server. */
    public static String mailedLink(Browser browser, String email, String subject) throws Exception {
        String mail = Outbox.await(Outbox.dataDir(browser.base()), email, subject);
        Matcher link = Pattern.compile(Pattern.quote(browser.base()) + "(/\\S+)").matcher(mail);
        if (!link.find()) {
            throw new AssertionError("no link to " + browser.base() + " in:\n" + mail);
        }
        return link.group(1);
    }

    /** Opens the mailed link and presses its button with these fields. */
    public static Browser.Page followMailedLink(Browser browser, String email, String subject, String button,
            Map<String, String> fields) throws Exception {
        return browser.submit(browser.get(mailedLink(browser, email, subject)), button, fields);
    }

    public static Browser.Page signIn(Browser browser, String email, String password) throws Exception {
        return browser.submit(browser.get("/sign_in"), "Sign in", Map.of("Email", email, "Password", password));
    }

    public static Browser.Page signOut(Browser browser) throws Exception {
        return browser.submit(browser.get("/profile/edit"), "Sign out", Map.of());
    }
}
