package io.gemhost.web;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.config.Settings;
import io.gemhost.mfa.AuthenticatorRegistration;
import io.gemhost.totp.Base32;
import io.gemhost.totp.Enrollment;
import io.gemhost.totp.OtpAuthUri;
import io.gemhost.totp.QrCode;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * totp/new.xhtml: the QR code, Account and Key of the pending registration, and the code that
 * confirms it; replacing an authenticator also takes a current code (AuthenticatorRegistration). The key is read lazily at render time, so after an expired attempt the page
 * shows a fresh key.
 */
@Named("totpNew")
@RequestScoped
public class TotpNewBacking {

    @EJB
    Enrollment enrollment;
    @EJB
    Accounts accounts;
    @Inject
    CurrentUser user;
    @Inject
    Settings settings;
    @Inject
    FreshRecoveryCodes freshCodes;
    @EJB
    AuthenticatorRegistration registration;

    private String otpCode;
    private String currentCode;
    private Account account;
    private String secret;

    public void enable() {
        AuthenticatorRegistration.Result registered = registration.register(user.getAccountId(), user.getSessionKey(), currentCode, otpCode, Pages.client());
        if (registered.current() != null) {
            Pages.secondFactorError("form:current", registered.current());
            return;
        }
        Enrollment.Result result = registered.enrollment();
        switch (result.outcome()) {
            case ENABLED -> {
                freshCodes.hold(result.recoveryCodes());
                Pages.redirect("/multifactor_auth/recovery");
            }
            case REPLACED, ADDED -> {
                Pages.info(result.outcome() == Enrollment.Outcome.ADDED ? "page.totp.added" : "page.totp.replaced");
                Pages.redirect("/profile/edit");
            }
            case EXPIRED -> {
                load(); // a fresh key to scan, made by this action
                Pages.error(null, "error.totp.expired");
            }
            case WRONG -> Pages.error("form:otp", "error.otp.incorrect");
            case PAUSED -> Pages.error(null, "error.otp.paused", Pages.minutes(result.retryAfter()));
        }
    }

    private Account account() {
        if (account == null) {
            account = accounts.get(user.getAccountId());
        }
        return account;
    }

    /** On the page's first request (a view action, not a getter): the pending key, made anew if there is none or it expired. */
    public void load() {
        secret = Base32.encode(enrollment.pendingKey(user.getAccountId(), user.getSessionKey()));
    }

    /** The pending key, read only: rendering the page writes nothing. */
    private String secret() {
        if (secret == null) {
            secret = enrollment.findPendingKey(user.getAccountId(), user.getSessionKey()).map(Base32::encode).orElse("");
        }
        return secret;
    }

    public String getIssuer() {
        return settings.issuer().orElseGet(() -> OtpAuthUri.issuerFromHost(Pages.request().getServerName()));
    }

    public String getAccountLabel() {
        return getIssuer() + ":" + account().getEmail();
    }

    public String getKeyGroups() {
        return secret().replaceAll("(.{4})(?!$)", "$1 ");
    }

    public String getQrCode() {
        return QrCode.dataUri(OtpAuthUri.of(getIssuer(), account().getEmail(), secret()));
    }

    public boolean isReplacing() {
        return account().getMfaLevel().isOn();
    }

    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
    public String getCurrentCode() { return currentCode; }
    public void setCurrentCode(String currentCode) { this.currentCode = currentCode; }
}
