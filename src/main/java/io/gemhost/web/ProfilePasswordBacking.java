package io.gemhost.web;

import io.gemhost.GemhostException;
import io.gemhost.account.AccountRules;
import io.gemhost.account.CurrentUser;
import io.gemhost.lifecycle.PasswordChange;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** /profile/password: the current password and, with MFA on, the current second factor, then the new password. */
@Named("profilePassword")
@RequestScoped
public class ProfilePasswordBacking {

    @EJB
    PasswordChange passwordChange;
    @EJB
    Proof proof;
    @Inject
    CurrentUser user;

    private String currentPassword;
    private String newPassword;
    private String otpCode;

    public void submit() {
        if (currentPassword == null || currentPassword.isEmpty()) {
            Pages.error("form:current", "error.password.required");
            return;
        }
        var problem = AccountRules.password(newPassword);
        if (problem.isPresent()) {
            Pages.error("form:new", problem.get());
            return;
        }
        if (currentPassword.length() > AccountRules.PASSWORD_MAX) {
            Pages.error("form:current", "error.password.wrong");
            return;
        }
        Proof.Result result;
        try {
            result = passwordChange.change(user.getAccountId(), currentPassword, newPassword, otpCode, Pages.client());
        } catch (GemhostException refused) { // PasswordRule: a breached password
            Pages.error("form:new", refused.messageKey());
            return;
        }
        if (!result.ok()) {
            Pages.proofError(result, "form:current", "form:otp");
            return;
        }
        Pages.info("page.profile.password.changed");
        Pages.redirect("/profile/edit");
    }

    public boolean isMfaOn() {
        return user.isSignedIn() && proof.needsSecondFactor(user.getAccountId(), MfaPolicy.Action.PASSWORD_CHANGE);
    }

    public String getCurrentPassword() { return currentPassword; }
    public void setCurrentPassword(String currentPassword) { this.currentPassword = currentPassword; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
