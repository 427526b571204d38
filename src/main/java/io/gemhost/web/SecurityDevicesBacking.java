package io.gemhost.web;

import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.account.CurrentUser;
import io.gemhost.mfa.SecurityKeyRegistration;
import io.gemhost.webauthn.SecurityKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * profile/edit.xhtml, section Security devices: the account's keys with Delete, and Register
 * device with a nickname. With MFA on, both take a current second factor (SecurityKeyRegistration).
 */
@Named("securityDevices")
@RequestScoped
public class SecurityDevicesBacking {

    @Inject
    SecurityKeyRegistration devices;
    @Inject
    Accounts accounts;
    @Inject
    CurrentUser user;
    @Inject
    FreshRecoveryCodes freshCodes;

    private Account account;
    private List<SecurityKey> keys;
    private String creationOptions;
    private String nickname;
    private String response;
    private String currentCode;
    private String removeCode;

    public void register() {
        SecurityKeyRegistration.Result result = devices.register(user.getAccountId(), nickname, response, currentCode, Pages.client());
        switch (result.outcome()) {
            case ENABLED -> {
                freshCodes.hold(result.codes());
                Pages.redirect("/multifactor_auth/recovery");
            }
            case ADDED -> {
                Pages.info("page.devices.addedNotice", nickname.strip());
                Pages.redirect("/profile/edit");
            }
            case CURRENT_REFUSED -> Pages.secondFactorError("newDevice:current", result.verdict());
            case NICKNAME -> Pages.error("newDevice:nickname", "error.devices.nickname");
            case TOO_MANY -> Pages.error(null, "error.devices.tooMany");
            default -> Pages.error(null, "error.devices.refused");
        }
    }

    public void remove(long keyId) {
        SecurityKeyRegistration.Result result = devices.remove(user.getAccountId(), keyId, removeCode, Pages.client());
        switch (result.outcome()) {
            case REMOVED -> {
                Pages.info("page.devices.removed");
                Pages.redirect("/profile/edit");
            }
            case CURRENT_REFUSED -> Pages.secondFactorError("devices:current", result.verdict());
            default -> Pages.error(null, "error.devices.unknown");
        }
    }

    public List<SecurityKey> getKeys() {
        if (keys == null) {
            keys = user.isSignedIn() ? devices.list(user.getAccountId()) : List.of();
        }
        return keys;
    }

    /** navigator.credentials.create's options for a new key, with a fresh challenge. */
    public String getCreationOptions() {
        if (creationOptions == null && user.isSignedIn()) {
            creationOptions = devices.creationOptions(account().getId(), account().getEmail(), account().getHandle());
        }
        return creationOptions;
    }

    /** Whether registering asks for a current second factor (MFA is on). */
    public boolean isCurrentNeeded() {
        return user.isSignedIn() && account().getMfaLevel().isOn();
    }

    /** The signed-in account, read once a request. */
    private Account account() {
        if (account == null) {
            account = accounts.get(user.getAccountId());
        }
        return account;
    }

    public String getNickname() { return nickname; }
    public void setNickname(String nickname) { this.nickname = nickname; }
    public String getResponse() { return response; }
    public void setResponse(String response) { this.response = response; }
    public String getCurrentCode() { return currentCode; }
    public void setCurrentCode(String currentCode) { this.currentCode = currentCode; }
    public String getRemoveCode() { return removeCode; }
    public void setRemoveCode(String removeCode) { this.removeCode = removeCode; }
}
