package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.mfa.AppCodes;
import io.gemhost.mfa.SecurityKeyKind;
import io.gemhost.mfa.MfaPolicy;
import io.gemhost.mfa.Proof;
import jakarta.ejb.EJB;
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

    @EJB
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
        String kind = proven.verdict() == null ? AppCodes.NAME : proven.verdict().kind(); // the kind that accepted it (FactorKind.name)
        String how = "with " + kind;
        boolean recovery = proven.verdict() != null && proven.verdict().recoveryCodesLeft() >= 0;
        String next = recovery ? "/profile/edit" : back == null ? "/profile/edit" : back;
        if (recovery) {
            user.setNotice(Pages.text("page.otp.recoveryUsed", proven.verdict().recoveryCodesLeft()));
        }
        if (SecurityKeyKind.NAME.equals(kind)) {
            signedIn.start(accountId, user.getPendingHandle(), how); // a key cannot be phished: no new-device check
        } else if (!signedIn.startOrHold(accountId, user.getPendingHandle(), how, next)) {
            return;
        }
        Pages.redirect(next);
    }

    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
