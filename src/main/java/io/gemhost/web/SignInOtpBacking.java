package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.mfa.SecondFactor;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * sign_in/otp.xhtml: the second step. On success the session id changes again and the session
 * is signed in; after a recovery code the profile page says what that means.
 */
@Named("signInOtp")
@RequestScoped
public class SignInOtpBacking {

    @Inject
    Proof proof;
    @Inject
    SignedIn signedIn;
    @Inject
    CurrentUser user;

    private String otpCode;

    public void verify() {
        if (!user.isAwaitingSecondFactor()) {
            Pages.redirect("/sign_in");
            return;
        }
        long accountId = user.getPendingAccountId();
        Proof.Result proven = proof.secondFactor(accountId, otpCode, MfaPolicy.Action.UI_SIGN_IN, Pages.client());
        if (!proven.ok()) {
            Pages.secondFactorError("form:otp", proven.verdict());
            return;
        }
        String back = user.takeReturnTo();
        boolean recovery = proven.verdict() != null && proven.verdict().outcome() == SecondFactor.Outcome.RECOVERY;
        signedIn.start(accountId, user.getPendingHandle(), switch (proven.verdict() == null ? SecondFactor.Outcome.TOTP : proven.verdict().outcome()) {
            case RECOVERY -> "with a recovery code";
            case SECURITY_KEY -> "with a security device";
            default -> "with the authenticator app";
        });
        if (recovery) {
            user.setNotice(Pages.text("page.otp.recoveryUsed", proven.verdict().recoveryCodesLeft()));
            Pages.redirect("/profile/edit");
        } else {
            Pages.redirect(back == null ? "/profile/edit" : back);
        }
    }

    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
