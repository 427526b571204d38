package io.gemhost.web;

import io.gemhost.account.AccountRules;
import io.gemhost.account.CurrentUser;
import io.gemhost.lifecycle.EmailAddress;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** /profile/email: a new address, proven by a link mailed to it; needs the password and, with MFA on, a code. */
@Named("emailChange")
@RequestScoped
public class EmailChangeBacking {

    @EJB
    EmailAddress emailAddress;
    @EJB
    Proof proof;
    @Inject
    CurrentUser user;

    private String newEmail;
    private String password;
    private String otpCode;

    public void submit() {
        var problem = AccountRules.email(newEmail);
        if (problem.isPresent()) {
            Pages.error("form:email", problem.get());
            return;
        }
        if (password != null && password.length() > AccountRules.PASSWORD_MAX) {
            Pages.error("form:password", "error.password.wrong");
            return;
        }
        EmailAddress.Result result = emailAddress.requestChange(user.getAccountId(), newEmail, password, otpCode, Pages.client());
        switch (result.outcome()) {
            case REQUESTED -> {
                Pages.info("page.emailChange.sent", newEmail.trim());
                Pages.redirect("/profile/edit");
            }
            case WRONG_PASSWORD -> Pages.error("form:password", "error.password.wrong");
            case PASSWORD_PAUSED -> Pages.passwordPaused(result.retryAfter());
            case TAKEN -> Pages.error("form:email", "error.email.taken");
            case SECOND_FACTOR -> Pages.secondFactorError("form:otp", result.verdict());
            default -> Pages.error(null, "error.link.invalid");
        }
    }

    public boolean isMfaOn() {
        return user.isSignedIn() && proof.needsSecondFactor(user.getAccountId(), MfaPolicy.Action.EMAIL_CHANGE);
    }

    public String getNewEmail() { return newEmail; }
    public void setNewEmail(String newEmail) { this.newEmail = newEmail; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
