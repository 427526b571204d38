package io.gemhost.web;

import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.account.Sessions;
import io.gemhost.audit.AuditLog;
import io.gemhost.audit.EventKind;
import io.gemhost.account.Sessions;
import io.gemhost.config.Settings;
import io.gemhost.mfa.Levels;
import io.gemhost.mfa.MfaRequirement;
import io.gemhost.account.MfaLevel;
import io.gemhost.mfa.SecondFactor;
import io.gemhost.mfa.SecurityKeyRegistration;
import io.gemhost.recovery.RecoveryCodes;
import io.gemhost.totp.TotpKeys;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/**
 * profile/edit.xhtml, the overview: one line per factor (what is set up, and a link to the page
 * that changes it), the MFA level's form, sessions, and links to the other profile pages.
 */
@Named("profileEdit")
@RequestScoped
public class ProfileEditBacking {

    @EJB
    AuditLog audit;
    @EJB
    Sessions sessions;
    @Inject
    SignedIn signedIn;
    @EJB
    Accounts accounts;
    @Inject
    CurrentUser user;
    @EJB
    Levels levels;
    @EJB
    RecoveryCodes recoveryCodes;
    @EJB
    TotpKeys totpKeys;
    @EJB
    SecurityKeyRegistration securityDevices;

    private Account account;
    private String level;
    private String otpCode;
    private String notice;

    @PostConstruct
    void load() {
        if (user.isSignedIn()) {
            account = accounts.find(user.getAccountId()).orElse(null);
            level = account == null ? null : account.getMfaLevel().name();
            notice = user.takeNotice();
        }
    }

    /**
     * What GEMHOST_MFA_POLICY tells this account (docs/SECURITY.md): that it must, or should, set
     * up a second factor or raise its level; null when it meets the policy or the policy is off.
     */
    public String getPolicyAdvice() {
        return account == null ? null : MfaRequirement.advice(MfaRequirement.Setting.of(Settings.mfaPolicy()), account.getMfaLevel())
                .map(key -> Pages.text(key)).orElse(null);
    }

    /** Sign out everywhere else: every other session of the account ends, on every node. */
    public void signOutElsewhere() {
        int ended = signedIn.endOthers();
        audit.record(user.getAccountId(), EventKind.OTHER_SESSIONS_ENDED, ended + " session(s)", Pages.client());
        Pages.info("page.profile.sessions.ended", ended);
        Pages.redirect("/profile/edit");
    }

    public int getOtherSessions() {
        return user.isSignedIn() ? sessions.others(user.getAccountId(), user.getSessionKey()) : 0;
    }

    public void updateLevel() {
        var target = java.util.Arrays.stream(MfaLevel.values()).filter(l -> l.name().equals(level)).findFirst();
        if (target.isEmpty() || !isMfaOn()) {
            Pages.error("mfa:level", "error.level.invalid");
            return;
        }
        SecondFactor.Verdict verdict = levels.change(user.getAccountId(), target.get(), otpCode, Pages.client());
        switch (verdict.outcome()) {
            case ACCEPTED -> {
                if (target.get() == MfaLevel.DISABLED) {
                    Pages.info("page.profile.mfa.disabled", issuerHint());
                } else {
                    Pages.info("page.profile.mfa.levelChanged", target.get().label());
                }
                Pages.redirect("/profile/edit");
            }
            default -> Pages.secondFactorError("mfa:otp", verdict);
        }
    }

    public String when(java.time.Instant at) {
        return Pages.when(at);
    }

    /** Whether the account has an authenticator app. */
    public boolean isAuthenticatorOn() {
        return account != null && totpKeys.find(account.getId()).isPresent();
    }

    /** How many security keys and passkeys the account has. */
    public int getSecurityDevices() {
        return account == null ? 0 : securityDevices.list(account.getId()).size();
    }

    private String issuerHint() {
        return account.getEmail();
    }

    public Account getAccount() { return account; }
    public boolean isMfaOn() { return account != null && account.getMfaLevel().isOn(); }
    public String getLevelLabel() { return account.getMfaLevel().label(); }
    public List<MfaLevel> getLevels() { return Arrays.asList(MfaLevel.values()); }
    public long getRecoveryCodesLeft() { return isMfaOn() ? recoveryCodes.remaining(account.getId()) : 0; }
    public String getNotice() { return notice; }
    public String getLevel() { return level; }
    public void setLevel(String level) { this.level = level; }
    public String getOtpCode() { return otpCode; }
    public void setOtpCode(String otpCode) { this.otpCode = otpCode; }
}
