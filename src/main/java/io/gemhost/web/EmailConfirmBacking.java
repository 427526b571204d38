package io.gemhost.web;

import io.gemhost.lifecycle.EmailAddress;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * /email/confirm?token=...: confirms the address of a sign-up or an email change with a button
 * (a POST, so link scanners that fetch mailed URLs confirm nothing), and with MFA on a code.
 */
@Named("emailConfirm")
@RequestScoped
public class EmailConfirmBacking {

    @EJB
    EmailAddress emailAddress;

    private String token;
    private String otpCode;
    private Boolean mfaOn;
    private Long accountId;

    @PostConstruct
    void load() {
        token = Pages.token();
        var found = emailAddress.check(token);
        accountId = found.map(t -> t.accountId()).orElse(null);
        mfaOn = found.map(emailAddress::needsSecondFactor).orElse(null);
    }

    /** The account of the link, for its security keys' options. */
    public Long getAccountId() { return accountId; }

    public void submit() {
        EmailAddress.Result result = emailAddress.follow(token, otpCode, Pages.client());
        switch (result.outcome()) {
            case CONFIRMED -> {
                Pages.info("page.emailConfirm.confirmed");
                Pages.redirect("/");
            }
            case CHANGED -> {
                Pages.info("page.emailConfirm.changed");
                Pages.redirect("/");
            }
            case TAKEN -> Pages.error(null, "error.email.taken");
            case SECOND_FACTOR -> Pages.secondFactorError("form:otp", result.verdict());
            default -> Pages.error(null, "error.link.invalid");
        }
    }

    public boolean isValid() { return mfaOn != null; }
    public boolean isMfaOn() { return Boolean.TRUE.equals(mfaOn); }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
