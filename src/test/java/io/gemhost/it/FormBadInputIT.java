package io.gemhost.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gemhost.account.AccountRules;
import io.gemhost.it.Browser.Page;
import io.gemhost.it.Users.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every form field given empty, overlong, non-ASCII, markup and SQL-looking input: the form is
 * shown again with a message, never a 5xx, a stack trace or the markup executed.
 */
@ExtendWith(Gemhost.class)
class FormBadInputIT {

    static final List<String> BAD = List.of("", "x".repeat(10_000), "ünïcødé✓密", "<script>alert(1)</script>",
            "' OR '1'='1'; DROP TABLE account; --", "\u0000\u0007", "   ");

    record Form(String path, String button, List<String> fields) {
    }

    @Test
    void everyFieldRefusesBadInputWithAMessage() throws Exception {
        User owner = Users.signUp(new Browser());
        int checked = 0;
        List<Form> anonymous = List.of(
                new Form("/sign_up", "Sign up", List.of("Email", "Handle", "Password")),
                new Form("/sign_in", "Sign in", List.of("Email", "Password")));
        for (Form form : anonymous) {
            for (String field : form.fields()) {
                for (String bad : BAD) {
                    Browser browser = new Browser();
                    Map<String, String> values = valid(form, Users.fresh());
                    values.put(field, bad);
                    Page page = browser.submit(browser.get(form.path()), form.button(), values);
                    if (form.path().equals("/sign_up") && field.equals("Password") && AccountRules.password(bad).isEmpty()) {
                        // markup or SQL is a fine password: stored as a hash, it must work as typed
                        assertEquals("/profile/edit", page.path(), bad);
                        assertEquals("/profile/edit", Users.signIn(new Browser(), values.get("Email"), bad).path(), bad);
                    } else {
                        check(page, form, field, bad);
                    }
                    checked++;
                }
            }
        }
        Browser signedIn = new Browser();
        Users.signIn(signedIn, owner.email(), owner.password());
        Form change = new Form("/profile/edit", "Change password", List.of("Current password", "New password"));
        for (String field : change.fields()) {
            for (String bad : BAD) {
                Map<String, String> values = new HashMap<>(Map.of("Current password", owner.password(), "New password", "unchanged-" + owner.password()));
                values.put(field, bad);
                if (field.equals("New password") && AccountRules.password(bad).isEmpty()) {
                    continue; // a valid new password, which would be accepted
                }
                check(signedIn.submit(signedIn.get(change.path()), change.button(), values), change, field, bad);
                checked++;
            }
        }
        System.out.println("FormBadInputIT: " + checked + " bad inputs refused with a message");
        assertTrue(Users.signIn(new Browser(), owner.email(), owner.password()).path().equals("/profile/edit"));
    }

    private static Map<String, String> valid(Form form, User user) {
        Map<String, String> values = new HashMap<>();
        for (String field : form.fields()) {
            values.put(field, switch (field) {
                case "Email" -> user.email();
                case "Handle" -> user.handle();
                default -> user.password();
            });
        }
        return values;
    }

    private static void check(Page page, Form form, String field, String bad) {
        String what = form.path() + " " + field + "=" + (bad.length() > 30 ? bad.substring(0, 30) + "..." : bad);
        assertEquals(200, page.status(), what);
        assertEquals(form.path(), page.path(), what);
        assertFalse(page.doc().select(".field-error, #messages li").isEmpty(), "no message for " + what + ": " + page.text());
        assertFalse(page.body().contains("<script>alert(1)</script>"), what);
        assertFalse(page.body().contains("Exception"), what);
    }
}
