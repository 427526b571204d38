package io.gemhost.web;

import io.gemhost.account.AccountRules;
import io.gemhost.lifecycle.PasswordReset;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** /password/new: asks for a reset link. The answer is the same whether or not the email has an account. */
@Named("passwordNew")
@RequestScoped
public class PasswordNewBacking {

    @EJB
    PasswordReset reset;

    private String email;

    public void submit() {
        if (email == null || email.isBlank()) {
            Pages.error("form:email", "error.email.required");
            return;
        }
        if (AccountRules.email(email).isEmpty()) {
            reset.request(email.trim(), Pages.client());
        }
        Pages.info("page.passwordNew.sent");
        Pages.redirect("/password/new");
    }

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
}
