package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.account.Sessions;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.EventKind;
import io.gemhost.mfa.SecondFactor;
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
    Sessions sessions;
    @Inject
    SecondFactor secondFactor;
    @Inject
    CurrentUser user;
    @Inject
    AuditLog audit;

    private String otpCode;

    public void verify() {
        if (!user.isAwaitingSecondFactor()) {
            Pages.redirect("/sign_in");
            return;
        }
        long accountId = user.getPendingAccountId();
        SecondFactor.Verdict verdict = secondFactor.verify(accountId, otpCode, Pages.client());
        switch (verdict.outcome()) {
            case TOTP, RECOVERY -> {
                String back = user.takeReturnTo();
                Pages.request().changeSessionId();
                user.signedIn(accountId, user.getPendingHandle(), sessions.open(accountId));
                boolean recovery = verdict.outcome() == SecondFactor.Outcome.RECOVERY;
                audit.record(accountId, EventKind.SIGN_IN, recovery ? "with a recovery code" : "with the authenticator app", Pages.client());
                if (recovery) {
                    user.setNotice(Pages.text("page.otp.recoveryUsed", verdict.recoveryCodesLeft()));
                    Pages.redirect("/profile/edit");
                } else {
                    Pages.redirect(back == null ? "/profile/edit" : back);
                }
            }
            case MISSING -> Pages.error("form:otp", "error.otp.missing");
            case WRONG -> Pages.error("form:otp", "error.otp.incorrect");
            case PAUSED -> Pages.error(null, "error.otp.paused", Math.max(1, (verdict.retryAfter().toSeconds() + 59) / 60));
            case LOCKED -> Pages.error(null, "error.otp.locked");
        }
    }

    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
