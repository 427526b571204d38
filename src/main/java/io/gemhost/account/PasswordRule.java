package io.gemhost.account;

import io.gemhost.GemhostException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The rule every new password meets, enforced by each service that sets one (sign-up, password
 * change, password reset): AccountRules' length (10 to 200 characters, no composition rules) and
 * not a password known from a data breach (BreachedPasswords). A refusal is a GemhostException
 * whose key the page shows at the password field.
 */
@ApplicationScoped
public class PasswordRule {

    @Inject
    BreachedPasswords breached;

    public void check(String password) {
        AccountRules.password(password).ifPresent(problem -> {
            throw new GemhostException(problem);
        });
        if (breached.refuses(password)) {
            throw new GemhostException("error.password.breached");
        }
    }
}
