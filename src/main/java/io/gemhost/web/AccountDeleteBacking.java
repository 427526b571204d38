package io.gemhost.web;

import io.gemhost.account.AccountRules;
import io.gemhost.account.CurrentUser;
import io.gemhost.lifecycle.AccountDeletion;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** /profile/delete: deletes the account after the password and, with MFA on, a code. */
@Named("accountDelete")
@RequestScoped
public class AccountDeleteBacking {

    @EJB
    AccountDeletion deletion;
    @EJB
    Proof proof;
    @Inject
    CurrentUser user;

    private String password;
    private String otpCode;

    public void submit() {
        if (password == null || password.isEmpty() || password.length() > AccountRules.PASSWORD_MAX) {
            Pages.error("form:password", "error.password.wrong");
            return;
        }
        Proof.Result result = deletion.delete(user.getAccountId(), password, otpCode, Pages.client());
        if (!result.ok()) {
            Pages.proofError(result, "form:password", "form:otp");
            return;
        }
        user.end();
        Pages.info("page.delete.done");
        Pages.redirect("/");
    }

    public boolean isMfaOn() {
        return user.isSignedIn() && proof.needsSecondFactor(user.getAccountId(), MfaPolicy.Action.ACCOUNT_DELETE);
    }

    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
