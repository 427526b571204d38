package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
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

    /** Signs up through the form; the browser is then signed in. */
    public static User signUp(Browser browser) throws Exception {
        User user = fresh();
        Browser.Page page = browser.submit(browser.get("/sign_up"), "Sign up",
                Map.of("Email", user.email(), "Handle", user.handle(), "Password", user.password()));
        assertEquals("/profile/edit", page.path(), page.text());
        return user;
    }

    public static Browser.Page signIn(Browser browser, String email, String password) throws Exception {
        return browser.submit(browser.get("/sign_in"), "Sign in", Map.of("Email", email, "Password", password));
    }

    public static Browser.Page signOut(Browser browser) throws Exception {
        return browser.submit(browser.get("/profile/edit"), "Sign out", Map.of());
    }
}
