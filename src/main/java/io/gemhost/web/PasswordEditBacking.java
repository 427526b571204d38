package io.gemhost.web;

import io.gemhost.GemhostException;
import io.gemhost.account.AccountRules;
import io.gemhost.account.CurrentUser;
import io.gemhost.lifecycle.PasswordReset;
import jakarta.annotation.PostConstruct;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * /password/edit?token=...: the mailed link's page: New password, plus OTP code when MFA is on.
 * On success every session of the account has ended, and this browser is signed in afresh.
 */
@Named("passwordEdit")
@RequestScoped
public class PasswordEditBacking {

    @Inject
    SignedIn signedIn;
    @EJB
    Proof proof;
    @EJB
    PasswordReset reset;
    @Inject
    CurrentUser user;

    private String token;
    private String newPassword;
    private String otpCode;
    private Boolean mfaOn;
    private Long accountId;

    @PostConstruct
    void load() {
        token = Pages.token();
        accountId = reset.accountFor(token).map(a -> a.getId()).orElse(null);
        mfaOn = accountId == null ? null : proof.needsSecondFactor(accountId, MfaPolicy.Action.PASSWORD_RESET);
    }

    /** The account of the link, for its security keys' options. */
    public Long getAccountId() { return accountId; }

    public void submit() {
        var problem = AccountRules.password(newPassword);
        if (problem.isPresent()) {
            Pages.error("form:password", problem.get());
            return;
        }
        PasswordReset.Result result;
        try {
            result = reset.reset(token, newPassword, otpCode, Pages.client());
        } catch (GemhostException refused) {
            Pages.error("form:password", refused.messageKey());
            return;
        }
        switch (result.outcome()) {
            case INVALID_LINK -> Pages.error(null, "error.link.invalid");
            case SECOND_FACTOR -> Pages.secondFactorError("form:otp", result.verdict());
            case DONE -> {
                signedIn.start(result.account().getId(), result.account().getHandle(), null);
                Pages.info("page.passwordEdit.done");
                Pages.redirect("/profile/edit");
            }
        }
    }

    public boolean isValid() { return mfaOn != null; }
    public boolean isMfaOn() { return Boolean.TRUE.equals(mfaOn); }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
