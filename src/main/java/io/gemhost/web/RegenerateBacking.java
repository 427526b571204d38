package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.mfa.Regeneration;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** multifactor_auth/regenerate.xhtml: a current code buys a new set of recovery codes, shown once. */
@Named("regenerate")
@RequestScoped
public class RegenerateBacking {

    @EJB
    Regeneration regeneration;
    @Inject
    CurrentUser user;
    @Inject
    FreshRecoveryCodes freshCodes;

    private String otpCode;

    public void submit() {
        Regeneration.Result result = regeneration.regenerate(user.getAccountId(), otpCode, Pages.client());
        switch (result.verdict().outcome()) {
            case ACCEPTED -> {
                freshCodes.hold(result.codes());
                Pages.info("page.regenerate.done");
                Pages.redirect("/multifactor_auth/recovery");
            }
            default -> Pages.secondFactorError("form:otp", result.verdict());
        }
    }

    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
