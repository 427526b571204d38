package io.gemhost.web;

import io.gemhost.account.AccountRules;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.lifecycle.AccountDeletion;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** /profile/delete: deletes the account after the password and, with MFA on, a code. */
@Named("accountDelete")
@RequestScoped
public class AccountDeleteBacking {

    @Inject
    AccountDeletion deletion;
    @Inject
    Accounts accounts;
    @Inject
    CurrentUser user;

    private String password;
    private String otpCode;

    public void submit() {
        if (password == null || password.isEmpty() || password.length() > AccountRules.PASSWORD_MAX) {
            Pages.error("form:password", "error.password.wrong");
            return;
        }
        AccountDeletion.Result result = deletion.delete(user.getAccountId(), password, otpCode, Pages.client());
        switch (result.outcome()) {
            case DELETED -> {
                user.clear();
                Pages.request().getSession().invalidate();
                Pages.info("page.delete.done");
                Pages.redirect("/");
            }
            case WRONG_PASSWORD -> Pages.error("form:password", "error.password.wrong");
            case PASSWORD_PAUSED -> Pages.passwordPaused(result.retryAfter());
            case SECOND_FACTOR -> Pages.secondFactorError("form:otp", result.verdict());
        }
    }

    public boolean isMfaOn() {
        return user.isSignedIn() && accounts.mfaOn(user.getAccountId());
    }

    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
